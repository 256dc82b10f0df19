export { createFlowEndpointClient, openReply, sealRequest } from './phone/flow-endpoint-client';
export type {
  FlowEndpointClient,
  FlowEndpointClientOptions,
  FlowEndpointRequest,
  FlowEndpointResponse,
  SealedRequest,
} from './phone/flow-endpoint-client';
export { createMetaSim } from './sim';
export type { MetaSim, MetaSimOptions } from './sim';
export type { MetaSimControl, CustomerRef } from './control/control';
export type { BusinessInput, BusinessView } from './control/businesses';
export type { CompletionResult } from './customers/complete-flow';
export type { CompleteFlowInput, WalkStep } from './customers/customer-walk';
export type { InboxMessage } from './customers/conversation';
export type { FaultInput } from './graph/faults';
export { GRAPH_ROUTES } from './graph/faults';
export type { WebhookDelivery, WebhookRetry } from './webhooks/outbox';
export { describeDemoSeed, startDemoMetaSim } from './demo';
export type { DemoSeed } from './demo';
