import { createFlowPlayer, FlowPlayerError } from '@sanjay-flow/flow-player';

import type { SimContext } from '../context';
import { SimControlError } from '../control/control-error';
import { readFlowDocument } from '../flow-document';
import { assetToOpen, findFlow } from '../graph/flow-send-rules';
import { GraphError } from '../graph/graph-error';
import { newMessageId } from '../ids';
import type { Business, Customer, SentMessage } from '../state';
import { nfmReplyMessage } from '../webhooks/envelopes';
import { emitInbound } from '../webhooks/events';
import type { WebhookDelivery } from '../webhooks/outbox';
import { CustomerWalk } from './customer-walk';
import type { CompleteFlowInput, WalkStep } from './customer-walk';
import { flowOpeningOf } from './flow-opening';
import type { FlowOpening } from './flow-opening';

export type CompletionResult =
  | {
      outcome: 'completed';
      responseJson: string;
      replyMessageId: string;
      delivery: WebhookDelivery;
      steps: WalkStep[];
    }
  | { outcome: 'failed'; reason: string; steps: WalkStep[] };

/**
 * A customer opens a Flow message and goes through it to the end, then WhatsApp posts the
 * `nfm_reply` webhook (spec C3) whose `response_json` is a JSON string with the flow_token.
 */
export async function completeFlow(
  ctx: SimContext,
  customer: Customer,
  input: CompleteFlowInput,
): Promise<CompletionResult> {
  const message = messageFor(ctx, customer, input.messageId);
  const business = [...ctx.state.businesses.values()].find(
    (b) => b.phoneNumberId === message.phoneNumberId,
  );
  const opening = flowOpeningOf(ctx, message);
  if (business === undefined || opening === undefined) {
    throw new SimControlError(400, `Message ${message.id} is not a Flow message.`);
  }
  const { flow, document } = openFlow(ctx, business, opening);
  let player;
  try {
    player = createFlowPlayer(document.json);
  } catch (error) {
    if (error instanceof FlowPlayerError) {
      return {
        outcome: 'failed',
        reason: `The phone cannot show the Flow: ${error.message}`,
        steps: [],
      };
    }
    throw error;
  }
  const walk = new CustomerWalk(ctx, { business, flow, document, opening, input }, player);
  const outcome = await walk.run();
  if (outcome.kind === 'failed') {
    return { outcome: 'failed', reason: outcome.reason, steps: walk.steps };
  }
  // Meta adds the message's flow_token to a `complete` payload; SUCCESS params carry their own.
  const response = {
    ...outcome.response,
    flow_token: outcome.response.flow_token ?? opening.flowToken,
  };
  const sent = await postReply(ctx, { business, customer, message }, JSON.stringify(response));

  return { outcome: 'completed', ...sent, steps: walk.steps };
}

async function postReply(
  ctx: SimContext,
  to: { business: Business; customer: Customer; message: SentMessage },
  responseJson: string,
) {
  const { business, customer, message } = to;
  const replyMessageId = newMessageId();
  message.completedAt = new Date();
  ctx.state.received.set(replyMessageId, {
    id: replyMessageId,
    phoneNumberId: business.phoneNumberId,
    customerKey: customer.waId,
    read: false,
  });
  const reply = nfmReplyMessage(business, customer, message, { id: replyMessageId, responseJson });
  const delivery = await emitInbound(ctx, business, customer, reply);

  return { responseJson, replyMessageId, delivery };
}

function messageFor(ctx: SimContext, customer: Customer, messageId: string): SentMessage {
  const message = ctx.state.sent.get(messageId);
  if (message?.customerKey !== customer.waId) {
    throw new SimControlError(404, `Customer ${customer.waId} received no message ${messageId}.`);
  }
  if (message.completedAt !== undefined) {
    throw new SimControlError(409, `The Flow of message ${messageId} was already completed.`);
  }

  return message;
}

function openFlow(ctx: SimContext, business: Business, opening: FlowOpening) {
  try {
    const flow = findFlow(ctx, business, { flow_id: opening.flowId, flow_name: opening.flowName });
    const document = readFlowDocument(assetToOpen(flow, opening.mode).text);
    if (document === undefined) {
      throw new SimControlError(409, `Flow ${flow.id} has no readable Flow JSON.`);
    }

    return { flow, document };
  } catch (error) {
    if (error instanceof GraphError) {
      throw new SimControlError(
        409,
        `The Flow cannot be opened: ${error.options.details ?? error.message}`,
      );
    }
    throw error;
  }
}
