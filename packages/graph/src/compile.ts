import { isAtLeast } from '@sanjay-flow/flow-json';

import { screenNodes } from './document';
import type { GraphDocument } from './document';
import { sha256Hex } from './hash';
import { deriveRoutingModel, usesEndpoint } from './routing';

/** Top-level keys that come before `screens`, in this order; any other key follows `screens`. */
export const LEADING_FLOW_KEYS = [
  'version',
  'data_api_version',
  'data_channel_uri',
  'routing_model',
] as const;

export interface CompiledFlow {
  flowJson: Record<string, unknown>;
  /** Pretty-printed Flow JSON (2 spaces, newline at the end): the exact bytes to upload or save. */
  text: string;
  /** SHA-256 hex of `text`. */
  contentHash: string;
}

/**
 * Compiles a graph document into Flow JSON. Pure and deterministic: the same document always
 * gives the same text, so positions in Meta's validation errors map back to the graph and
 * the hash tells whether anything changed.
 */
export function compileGraph(doc: GraphDocument): CompiledFlow {
  const flow = endpointSettings(doc);
  const ordered: Record<string, unknown> = {};
  for (const key of LEADING_FLOW_KEYS) {
    if (flow[key] !== undefined) {
      ordered[key] = flow[key];
    }
  }
  ordered.screens = screenNodes(doc).map((node) => node.screen);
  for (const [key, value] of Object.entries(flow)) {
    if (!(LEADING_FLOW_KEYS as readonly string[]).includes(key) && key !== 'screens') {
      ordered[key] = value;
    }
  }
  const text = `${JSON.stringify(ordered, null, 2)}\n`;
  let flowJson: Record<string, unknown> | undefined;
  let contentHash: string | undefined;

  // The object and the hash are worked out when first read: the editor compiles on every edit
  // but needs the hash only when it saves. The object is parsed back from the text so that it
  // is exactly what the text says, and shares nothing with the document.
  return {
    text,
    get flowJson() {
      flowJson ??= JSON.parse(text) as Record<string, unknown>;

      return flowJson;
    },
    get contentHash() {
      contentHash ??= sha256Hex(text);

      return contentHash;
    },
  };
}

/**
 * `data_api_version` and `routing_model` (spec A10): kept when the document has them; for a
 * Flow that calls an endpoint but lacks them, the routing model is derived from the edges and
 * the Data API version that fits the Flow JSON version is added. A Flow without endpoint use
 * never gets them invented: Meta fails such a Flow at open time.
 */
function endpointSettings(doc: GraphDocument): Record<string, unknown> {
  if (!usesEndpoint(doc)) {
    return doc.flow;
  }
  const flow = { ...doc.flow };
  if (flow.data_api_version === undefined) {
    flow.data_api_version = dataApiVersionFor(flow.version);
  }
  if (flow.routing_model === undefined) {
    flow.routing_model = deriveRoutingModel(doc);
  }

  return flow;
}

/** Data API 4.0 is recommended, and brings request signatures with Flow JSON 7.3; older Flows get 3.0. */
function dataApiVersionFor(version: unknown): string {
  return typeof version === 'string' && isAtLeast(version, '7.3') ? '4.0' : '3.0';
}
