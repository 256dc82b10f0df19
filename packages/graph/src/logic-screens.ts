import type { GraphDocument } from './document';
import { screenNodes } from './document';
import { logicOf } from './logic-nodes';

/**
 * A server transition between a screen and a logic node: a trigger started by the screen
 * (`screen_submitted`, `back`) or a step that opens the screen (`go_to_screen`, `show_error`).
 */
export interface LogicScreenLink {
  id: string;
  /** Canvas node ids: the screen node and the logic node, in the direction of the move. */
  source: string;
  target: string;
  kind: 'submitted' | 'back' | 'go_to_screen' | 'show_error';
  /** What triggers the move, in words shown on the canvas. */
  label: string;
}

/** The links between screens and logic nodes; a node naming a missing screen gets none. */
export function logicScreenLinks(doc: GraphDocument): LogicScreenLink[] {
  const nodeIdByScreenId = new Map<string, string>();
  for (const node of screenNodes(doc)) {
    const screenId = typeof node.screen.id === 'string' ? node.screen.id : node.id;
    if (!nodeIdByScreenId.has(screenId)) {
      nodeIdByScreenId.set(screenId, node.id);
    }
  }

  return logicOf(doc).nodes.flatMap((node): LogicScreenLink[] => {
    const screenNode =
      'screen' in node && node.screen !== undefined ? nodeIdByScreenId.get(node.screen) : undefined;
    if (screenNode === undefined) {
      return [];
    }
    const id = `logic-screen:${node.id}`;
    if (node.type === 'trigger.screen_submitted') {
      const label = node.action === undefined ? 'submitted' : `submitted: ${node.action}`;

      return [{ id, source: screenNode, target: node.id, kind: 'submitted', label }];
    }
    if (node.type === 'trigger.back') {
      return [{ id, source: screenNode, target: node.id, kind: 'back', label: 'back' }];
    }
    if (node.type === 'go_to_screen') {
      return [{ id, source: node.id, target: screenNode, kind: 'go_to_screen', label: 'opens' }];
    }

    return node.type === 'show_error'
      ? [{ id, source: node.id, target: screenNode, kind: 'show_error', label: 'error' }]
      : [];
  });
}
