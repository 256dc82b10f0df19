import { screenNodes } from './document';
import type { GraphDocument } from './document';
import { sha256Hex } from './hash';

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
  const ordered: Record<string, unknown> = {};
  for (const key of LEADING_FLOW_KEYS) {
    if (doc.flow[key] !== undefined) {
      ordered[key] = doc.flow[key];
    }
  }
  ordered.screens = screenNodes(doc).map((node) => node.screen);
  for (const [key, value] of Object.entries(doc.flow)) {
    if (!(LEADING_FLOW_KEYS as readonly string[]).includes(key) && key !== 'screens') {
      ordered[key] = value;
    }
  }
  const text = `${JSON.stringify(ordered, null, 2)}\n`;

  // Parsed back from the text so that the object is exactly what the text says, and shares
  // nothing with the document.
  return {
    flowJson: JSON.parse(text) as Record<string, unknown>,
    text,
    contentHash: sha256Hex(text),
  };
}
