import type { EndpointRequest } from '../../protocol';
import type { FlowOpenedTrigger } from './schema';

export function matchesFlowOpened(_node: FlowOpenedTrigger, request: EndpointRequest): boolean {
  return request.action === 'INIT';
}
