import type { InboxHandlers } from '../webhooks/handlers';
import type { CompletionServices } from './completions';

/**
 * Puts completions and Flows events in front of other inbox handlers: an `nfm_reply` Flow
 * completion becomes a submission, any other message goes on to `handlers.message`; Flows events
 * go to completions; statuses are untouched.
 */
export function withCompletions(
  handlers: InboxHandlers,
  completions: Pick<CompletionServices, 'handleMessage' | 'handleFlowEvent'>,
): InboxHandlers {
  return {
    message: async (message, contact, context) => {
      if (!(await completions.handleMessage(message, contact, context))) {
        await handlers.message(message, contact, context);
      }
    },
    status: (status, context) => handlers.status(status, context),
    flowEvent: (event, context) => completions.handleFlowEvent(event, context),
  };
}
