import { isJsonObject, RoutingModelSchema, SCREEN_ID_PATTERN } from '@sanjay-flow/flow-json';

import { screenNodes } from './document';
import type { GraphDocument } from './document';
import { screenNode } from './screen-tree';

export type RenameResult = { ok: true; doc: GraphDocument } | { ok: false; reason: string };

/** Replaces `${screen.FROM.` (plain references and those inside back-tick expressions). */
function renamedReferences(text: string, from: string, to: string): string {
  return text.split(`\${screen.${from}.`).join(`\${screen.${to}.`);
}

/**
 * A copy of a screen's value with every naming of `from` changed: navigate targets
 * (`next: { type: "screen", name }`) and `${screen.…}` references.
 */
function renamedIn(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') {
    return renamedReferences(value, from, to);
  }
  if (Array.isArray(value)) {
    return value.map((item) => renamedIn(item, from, to));
  }
  if (!isJsonObject(value)) {
    return value;
  }
  const names = value.type === 'screen' && value.name === from;

  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      names && key === 'name' ? to : renamedIn(item, from, to),
    ]),
  );
}

/** Why `to` cannot be the screen's new id, or `null` when it can. */
export function renameRefusal(doc: GraphDocument, nodeId: string, to: string): string | null {
  if (!SCREEN_ID_PATTERN.test(to)) {
    return 'A screen id takes letters and underscores only, e.g. SIGN_UP';
  }
  const taken = screenNodes(doc).some((node) => node.id !== nodeId && node.screen.id === to);

  return taken ? `Another screen already has the id ${to}` : null;
}

function renamedRoutes(routingModel: unknown, from: string, to: string): unknown {
  const parsed = RoutingModelSchema.safeParse(routingModel);
  if (!parsed.success) {
    return routingModel;
  }

  return Object.fromEntries(
    Object.entries(parsed.data).map(([source, targets]) => [
      source === from ? to : source,
      targets.map((target) => (target === from ? to : target)),
    ]),
  );
}

/**
 * Gives a screen a new id and follows it everywhere the Flow names the screen: navigate
 * actions and `${screen.…}` references of every screen, the routing model, and the logic
 * nodes that start from or open the screen. The canvas node keeps its id.
 */
export function renameScreen(doc: GraphDocument, nodeId: string, to: string): RenameResult {
  const reason = renameRefusal(doc, nodeId, to);
  if (reason !== null) {
    return { ok: false, reason };
  }
  const from = screenNode(doc, nodeId).screen.id;
  if (typeof from !== 'string' || from === to) {
    return { ok: true, doc };
  }
  const nodes = doc.nodes.map((node) => {
    const screen = renamedIn(node.screen, from, to) as Record<string, unknown>;

    return { ...node, screen: node.id === nodeId ? { ...screen, id: to } : screen };
  });
  const flow =
    doc.flow.routing_model === undefined
      ? doc.flow
      : { ...doc.flow, routing_model: renamedRoutes(doc.flow.routing_model, from, to) };
  const logic =
    doc.logic === undefined
      ? undefined
      : {
          ...doc.logic,
          nodes: doc.logic.nodes.map((node) =>
            'screen' in node && node.screen === from ? { ...node, screen: to } : node,
          ),
        };

  return { ok: true, doc: { ...doc, flow, nodes, ...(logic === undefined ? {} : { logic }) } };
}
