import type { PickedMedia } from '@sanjay-flow/flow-player';

import type { SimContext } from '../context';
import { completeFlow } from '../customers/complete-flow';
import { customerSendsText, inboxOf } from '../customers/conversation';
import type { InboxMessage } from '../customers/conversation';
import { registerCustomer } from '../customers/customers';
import { pickMedia, type PickMediaInput } from '../customers/picked-media';
import type { CompletionResult } from '../customers/complete-flow';
import type { CompleteFlowInput } from '../customers/customer-walk';
import { canMove, moveFlow } from '../flows/lifecycle';
import type { Fault, FaultInput } from '../graph/faults';
import type { FlowStatus, UnpublishedRule } from '../state';
import { emitFlowAlert } from '../webhooks/flow-alerts';
import type { FlowAlertEvent } from '../webhooks/flow-alerts';
import type { WebhookDelivery } from '../webhooks/outbox';
import {
  duplicateWebhook,
  errorsWebhook,
  failedStatus,
  malformedWebhook,
  statusesOutOfOrder,
  unknownMessageStatus,
} from '../webhooks/tricks';
import { businessOf, registerBusiness, subscribeWebhook, viewOf } from './businesses';
import type { BusinessInput, BusinessView } from './businesses';
import { SimControlError } from './control-error';

export interface CustomerRef {
  waId: string;
  /** Business-scoped user id (spec C5), e.g. `US.13491208655302741918`. */
  userId?: string | undefined;
  name?: string | undefined;
}

/** What tests (and the `/_sim` HTTP API) can make the stand-in do. */
export interface MetaSimControl {
  registerBusiness(input?: BusinessInput): Promise<BusinessView>;
  business(wabaId: string): BusinessView;
  subscribeWebhook(wabaId: string, webhook: { url: string; verifyToken: string }): Promise<void>;
  addAccessToken(wabaId: string, token: string): void;
  addFault(input: FaultInput): Fault;
  clearFaults(): void;
  customerSendsText(input: {
    phoneNumberId: string;
    customer: CustomerRef;
    text: string;
  }): Promise<{ messageId: string; delivery: WebhookDelivery }>;
  inbox(customer: CustomerRef): InboxMessage[];
  completeFlow(input: CompleteFlowInput & { customer: CustomerRef }): Promise<CompletionResult>;
  /**
   * A file a customer picks in a PhotoPicker or DocumentPicker, uploaded as WhatsApp does: give
   * the answer as the picker's value to `completeFlow`, and the business can download it.
   */
  pickMedia(input: PickMediaInput): PickedMedia;
  /** Monitoring moves (THROTTLED, BLOCKED, back to PUBLISHED), with their webhook. */
  setFlowStatus(flowId: string, status: FlowStatus): void;
  /** A health alert of a Flow (spec C6 `flows` events other than status changes). */
  flowAlert(
    flowId: string,
    event: FlowAlertEvent,
    alertState?: 'ACTIVATED' | 'DEACTIVATED',
  ): Promise<WebhookDelivery>;
  /** A rule Meta applies without having published it (errors that only appear at upload). */
  addUnpublishedRule(rule: UnpublishedRule): void;
  /** Marks a Flow as made before published Flows could be edited (it must be cloned). */
  setFlowEditable(flowId: string, editable: boolean): void;
  webhooks(wabaId?: string): readonly WebhookDelivery[];
  /** Resolves when every queued webhook has been delivered or given up on. */
  webhooksIdle(): Promise<void>;
  duplicateWebhook(wabaId: string, times: number, deliveryId?: number): Promise<WebhookDelivery[]>;
  statusesOutOfOrder(wabaId: string, messageId: string): Promise<WebhookDelivery[]>;
  failedStatus(wabaId: string, messageId: string): Promise<WebhookDelivery>;
  malformedWebhook(wabaId: string): Promise<WebhookDelivery>;
  unknownMessageStatus(wabaId: string): Promise<WebhookDelivery>;
  errorsWebhook(wabaId: string): Promise<WebhookDelivery>;
}

export function createControl(ctx: SimContext): MetaSimControl {
  const customer = (ref: CustomerRef) => registerCustomer(ctx.state, ref);
  const business = (wabaId: string) => businessOf(ctx, wabaId);
  const flowById = (flowId: string) => {
    const flow = ctx.state.flows.get(flowId);
    if (flow === undefined) {
      throw new SimControlError(404, `No Flow ${flowId}.`);
    }

    return flow;
  };

  return {
    registerBusiness: async (input = {}) => viewOf(await registerBusiness(ctx, input)),
    business: (wabaId) => viewOf(business(wabaId)),
    subscribeWebhook: (wabaId, webhook) => subscribeWebhook(business(wabaId), webhook),
    addAccessToken: (wabaId, token) => {
      business(wabaId).accessTokens.add(token);
    },
    addFault: (input) => ctx.faults.add(input),
    clearFaults: () => ctx.faults.clear(),
    customerSendsText: ({ phoneNumberId, customer: ref, text }) =>
      customerSendsText(ctx, customer(ref), phoneNumberId, text),
    inbox: (ref) => inboxOf(ctx, customer(ref)),
    completeFlow: ({ customer: ref, ...input }) => completeFlow(ctx, customer(ref), input),
    pickMedia: (input) => pickMedia(ctx, input),
    setFlowStatus: (flowId, status) => {
      const flow = flowById(flowId);
      if (!canMove(flow.status, status)) {
        throw new SimControlError(409, `A ${flow.status} Flow cannot become ${status}.`);
      }
      moveFlow(ctx, business(flow.wabaId), flow, status);
    },
    flowAlert: (flowId, event, alertState = 'ACTIVATED') => {
      const flow = flowById(flowId);

      return emitFlowAlert(ctx, business(flow.wabaId), flow, event, alertState);
    },
    addUnpublishedRule: (rule) => {
      ctx.state.unpublishedRules.push(rule);
    },
    setFlowEditable: (flowId, editable) => {
      flowById(flowId).editableWhenPublished = editable;
    },
    webhooks: (wabaId) =>
      ctx.outbox.deliveries().filter((d) => wabaId === undefined || d.wabaId === wabaId),
    webhooksIdle: () => ctx.outbox.idle(),
    duplicateWebhook: (wabaId, times, deliveryId) =>
      duplicateWebhook(ctx, business(wabaId), deliveryId, times),
    statusesOutOfOrder: (wabaId, messageId) => statusesOutOfOrder(ctx, business(wabaId), messageId),
    failedStatus: (wabaId, messageId) => failedStatus(ctx, business(wabaId), messageId),
    malformedWebhook: (wabaId) => malformedWebhook(ctx, business(wabaId)),
    unknownMessageStatus: (wabaId) => unknownMessageStatus(ctx, business(wabaId)),
    errorsWebhook: (wabaId) => errorsWebhook(ctx, business(wabaId)),
  };
}
