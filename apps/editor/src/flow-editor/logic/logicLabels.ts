import type { PaletteNodeType } from '@sanjay-flow/graph';
import type { LogicNode } from '@sanjay-flow/runtime';

/** The name of each kind as the palette and the cards show it. */
export const KIND_LABELS: Record<PaletteNodeType, string> = {
  'trigger.flow_opened': 'Flow opened',
  'trigger.screen_submitted': 'Screen submitted',
  'trigger.back': 'Back pressed',
  condition: 'Condition',
  set_data: 'Set data',
  http_request: 'HTTP request',
  lookup_table: 'Lookup table',
  save_submission: 'Save submission',
  go_to_screen: 'Go to screen',
  show_error: 'Show error',
  finish_flow: 'Finish Flow',
};

export function kindLabel(type: string): string {
  return Object.hasOwn(KIND_LABELS, type) ? KIND_LABELS[type as PaletteNodeType] : type;
}

function count(items: number, one: string, many: string): string {
  return `${items} ${items === 1 ? one : many}`;
}

type Summaries = {
  [T in PaletteNodeType]: (node: Extract<LogicNode, { type: T }>) => string;
};

const SUMMARIES: Summaries = {
  'trigger.flow_opened': () => 'When the Flow opens',
  'trigger.screen_submitted': (node) =>
    node.action === undefined
      ? `When ${node.screen} is submitted`
      : `When ${node.screen} sends ${node.action}`,
  'trigger.back': (node) => `When back is pressed on ${node.screen}`,
  condition: (node) => node.expression,
  set_data: (node) => count(node.assignments.length, 'assignment', 'assignments'),
  http_request: (node) => `${node.method} ${node.url}`,
  lookup_table: (node) => `${node.key} in ${count(node.rows.length, 'row', 'rows')}`,
  save_submission: (node) => count(Object.keys(node.answers).length, 'answer', 'answers'),
  go_to_screen: (node) => `Show ${node.screen}`,
  show_error: (node) => node.message,
  finish_flow: () => 'Close the Flow',
};

/**
 * One line a card shows under its title: what the node does, in the user's own terms. A kind
 * the editor does not know yet shows its type.
 */
export function summaryOf(node: LogicNode): string {
  if (!Object.hasOwn(SUMMARIES, node.type)) {
    return node.type;
  }
  const summarize = SUMMARIES[node.type as PaletteNodeType] as (node: LogicNode) => string;

  return summarize(node);
}
