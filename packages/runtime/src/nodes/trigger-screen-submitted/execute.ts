import type { EndpointRequest } from '../../protocol';
import type { ScreenSubmittedTrigger } from './schema';

export function matchesScreenSubmitted(
  node: ScreenSubmittedTrigger,
  request: EndpointRequest,
): boolean {
  if (request.action !== 'data_exchange' || request.screen !== node.screen) {
    return false;
  }

  return node.action === undefined || request.data?.action === node.action;
}
