import { PUBLISHABLE_FLOW_JSON_VERSIONS } from '@sanjay-flow/flow-json';

import type { SimContext } from '../context';
import { readFlowDocument } from '../flow-document';
import { isLoopbackUrl } from '../loopback';
import { moveFlow } from '../flows/lifecycle';
import { createFlowEndpointClient } from '../phone/flow-endpoint-client';
import type { Business, SimFlow } from '../state';
import { graphErrors } from './graph-error';

const PING_TIMEOUT_MS = 10_000;

/** Publishes a draft that passes the checks; the webhook tells the business. */
export async function publishFlow(
  ctx: SimContext,
  business: Business,
  flow: SimFlow,
): Promise<void> {
  await checkPublishable(business, flow);
  markPublished(ctx, business, flow);
}

/** The current draft becomes what `mode: published` messages open. */
export function markPublished(ctx: SimContext, business: Business, flow: SimFlow): void {
  flow.published = flow.asset;
  moveFlow(ctx, business, flow, 'PUBLISHED');
}

/** Spec D2 publishing checks; the first that fails is the 139002 answer's details. */
export async function checkPublishable(business: Business, flow: SimFlow): Promise<void> {
  const refused = (details: string) =>
    graphErrors.flowState(139_002, 'Publishing Flow in invalid state', details);
  if (flow.status !== 'DRAFT') {
    throw refused(`Flow ${flow.id} is ${flow.status}; only a draft can be published.`);
  }
  const document = flow.asset === undefined ? undefined : readFlowDocument(flow.asset.text);
  if (flow.asset === undefined || document === undefined || flow.validationErrors.length > 0) {
    throw refused('The Flow JSON has validation errors; fix them and upload it again.');
  }
  if (!PUBLISHABLE_FLOW_JSON_VERSIONS.some((version) => version === document.version)) {
    throw refused(
      `Flow JSON version ${document.version ?? '(none)'} is frozen and cannot be published.`,
    );
  }
  if (business.webhook === undefined) {
    throw refused('The WhatsApp Business Account is not subscribed to the flows webhook field.');
  }
  if (document.dataApiVersion !== undefined) {
    await checkEndpoint(business, flow, refused);
  }
}

/** A Flow with an endpoint needs the URI, an app, a signed public key and a `ping` answer. */
async function checkEndpoint(
  business: Business,
  flow: SimFlow,
  refused: (details: string) => Error,
): Promise<void> {
  if (flow.endpointUri === undefined) {
    throw refused('The Flow uses an endpoint but has no endpoint_uri.');
  }
  if (flow.applicationId === undefined) {
    throw refused('No Meta app is connected to the Flow.');
  }
  if (business.businessPublicKey === undefined) {
    throw refused('The phone number has no business public key.');
  }
  if (!isLoopbackUrl(flow.endpointUri)) {
    throw refused('The stand-in calls endpoints on 127.0.0.1 or localhost only.');
  }
  const client = createFlowEndpointClient({
    endpointUrl: flow.endpointUri,
    businessPublicKey: business.businessPublicKey,
    appSecret: business.appSecret,
    timeoutMs: PING_TIMEOUT_MS,
  });
  const answer = await client.send({ version: '3.0', action: 'ping' }).catch(() => undefined);
  const reply = answer?.reply as { data?: { status?: unknown } } | undefined;
  if (answer?.status !== 200 || reply?.data?.status !== 'active') {
    throw refused(
      `The endpoint did not answer the health check (${answer === undefined ? 'no answer' : `HTTP ${answer.status}`}).`,
    );
  }
}
