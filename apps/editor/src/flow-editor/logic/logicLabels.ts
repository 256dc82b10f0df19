import type { PaletteNodeType } from '@sanjay-flow/graph';
import type { LogicNode, MessageMatch, OutgoingMessageSpec } from '@sanjay-flow/runtime';

/** The name of each kind as the palette and the cards show it. */
export const KIND_LABELS: Record<PaletteNodeType, string> = {
  'trigger.flow_opened': 'Flow opened',
  'trigger.screen_submitted': 'Screen submitted',
  'trigger.back': 'Back pressed',
  'trigger.message_received': 'Message received',
  'trigger.flow_completed': 'Flow completed',
  condition: 'Condition',
  set_data: 'Set data',
  http_request: 'HTTP request',
  lookup_table: 'Lookup table',
  save_submission: 'Save submission',
  forward_submission: 'Forward submission',
  send_message: 'Send message',
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

function matchSummary(match: MessageMatch): string {
  if (match.kind === 'keyword') {
    return `When a message says ${match.keywords.join(', ')}`;
  }

  return match.kind === 'pattern' ? `When a message matches /${match.pattern}/` : 'Any message';
}

function messageSummary(message: OutgoingMessageSpec): string {
  if (message.kind === 'flow') {
    return `Flow “${message.cta}”`;
  }

  return message.kind === 'template' ? `Template ${message.name}` : message.body;
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
  'trigger.message_received': (node) => matchSummary(node.match),
  'trigger.flow_completed': () => 'When a customer completes the Flow',
  condition: (node) => node.expression,
  set_data: (node) => count(node.assignments.length, 'assignment', 'assignments'),
  http_request: (node) => `${node.method} ${node.url}`,
  lookup_table: (node) => `${node.key} in ${count(node.rows.length, 'row', 'rows')}`,
  save_submission: (node) => count(Object.keys(node.answers).length, 'answer', 'answers'),
  forward_submission: (node) => node.destinationId ?? 'To the Flow’s destinations',
  send_message: (node) => messageSummary(node.message),
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
  const summarize = SUMMARIES[node.type] as (node: LogicNode) => string;

  return summarize(node);
}
