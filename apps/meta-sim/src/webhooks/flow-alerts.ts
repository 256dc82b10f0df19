import type { SimContext } from '../context';
import type { Business, SimFlow } from '../state';
import { envelope } from './envelopes';
import { emit } from './events';
import type { WebhookDelivery } from './outbox';

export const FLOW_ALERT_EVENTS = [
  'CLIENT_ERROR_RATE',
  'ENDPOINT_ERROR_RATE',
  'ENDPOINT_LATENCY',
  'ENDPOINT_AVAILABILITY',
  'FLOW_VERSION_EXPIRY_WARNING',
] as const;

export type FlowAlertEvent = (typeof FLOW_ALERT_EVENTS)[number];

/**
 * Spec C6: Meta's health monitoring of a published Flow. The values are plausible figures over
 * the alert's threshold (or back under it when `alertState` is DEACTIVATED); Meta's own samples
 * of these bodies are not valid JSON, so the shape follows the field table.
 */
export function emitFlowAlert(
  ctx: SimContext,
  business: Business,
  flow: SimFlow,
  event: FlowAlertEvent,
  alertState: 'ACTIVATED' | 'DEACTIVATED',
): Promise<WebhookDelivery> {
  const value = { event, flow_id: flow.id, ...alertFields(event, alertState) };

  return emit(ctx, business, envelope(business.wabaId, 'flows', value));
}

function alertFields(event: FlowAlertEvent, alertState: 'ACTIVATED' | 'DEACTIVATED') {
  const active = alertState === 'ACTIVATED';
  switch (event) {
    case 'CLIENT_ERROR_RATE':
    case 'ENDPOINT_ERROR_RATE': {
      const errorType = event === 'CLIENT_ERROR_RATE' ? 'INVALID_SCREEN_TRANSITION' : 'TIMEOUT';
      const rate = active ? 12.5 : 1.2;

      return {
        message: `The ${event === 'CLIENT_ERROR_RATE' ? 'client' : 'endpoint'} error rate ${active ? 'exceeded' : 'is back under'} 10%`,
        error_rate: rate,
        threshold: 10,
        alert_state: alertState,
        errors: [{ error_type: errorType, error_rate: rate, error_count: active ? 25 : 2 }],
      };
    }
    case 'ENDPOINT_LATENCY':
      return {
        message: `The endpoint's p90 latency ${active ? 'exceeded' : 'is back under'} 1 s`,
        p50_latency: active ? 800 : 200,
        p90_latency: active ? 1_500 : 400,
        requests_count: 1_000,
        threshold: 1_000,
        alert_state: alertState,
      };
    case 'ENDPOINT_AVAILABILITY':
      return {
        message: `The endpoint's availability ${active ? 'fell under' : 'is back over'} 90%`,
        availability: active ? 75 : 99,
        threshold: 90,
        alert_state: alertState,
      };
    case 'FLOW_VERSION_EXPIRY_WARNING':
      return { warning: 'The Flow JSON version of this Flow will expire soon; upgrade it.' };
  }
}
