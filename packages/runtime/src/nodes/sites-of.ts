import { type ExpressionError, parseExpression, parseTemplate } from '../expression';
import { conditionSites } from './condition/schema';
import { finishFlowSites } from './finish-flow/schema';
import { goToScreenSites } from './go-to-screen/schema';
import { httpRequestSites } from './http-request/schema';
import { lookupTableSites } from './lookup-table/schema';
import { saveSubmissionSites } from './save-submission/schema';
import type { LogicNode } from './schema';
import { sendMessageSites } from './send-message/schema';
import { setDataSites } from './set-data/schema';
import { showErrorSites } from './show-error/schema';
import type { ExpressionSite } from './sites';

/** Every expression and template a node holds, for checking a program before it runs. */
export function expressionSitesOf(node: LogicNode): ExpressionSite[] {
  switch (node.type) {
    case 'trigger.flow_opened':
    case 'trigger.screen_submitted':
    case 'trigger.back':
    case 'trigger.message_received':
    case 'trigger.flow_completed':
    case 'forward_submission':
      return [];
    case 'condition':
      return conditionSites(node);
    case 'set_data':
      return setDataSites(node);
    case 'http_request':
      return httpRequestSites(node);
    case 'lookup_table':
      return lookupTableSites(node);
    case 'go_to_screen':
      return goToScreenSites(node);
    case 'finish_flow':
      return finishFlowSites(node);
    case 'show_error':
      return showErrorSites(node);
    case 'save_submission':
      return saveSubmissionSites(node);
    case 'send_message':
      return sendMessageSites(node);
  }
}

/** Why a site does not parse and where, or `undefined` when it parses. */
export function siteSyntaxError(site: ExpressionSite): ExpressionError | undefined {
  const options = site.roots === undefined ? {} : { roots: site.roots };
  const parsed =
    site.kind === 'expression'
      ? parseExpression(site.text, options)
      : parseTemplate(site.text, options);

  return parsed.ok ? undefined : parsed.error;
}
