export { createFlowEndpointClient, openReply, sealRequest } from './phone/flow-endpoint-client';
export type {
  FlowEndpointClient,
  FlowEndpointClientOptions,
  FlowEndpointRequest,
  FlowEndpointResponse,
  SealedRequest,
} from './phone/flow-endpoint-client';
