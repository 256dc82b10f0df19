import type { EndpointRequest } from '../../protocol';
import type { BackTrigger } from './schema';

export function matchesBack(node: BackTrigger, request: EndpointRequest): boolean {
  return request.action === 'BACK' && request.screen === node.screen;
}
