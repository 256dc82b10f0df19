import type { BusinessView } from '../control/businesses';
import { createMetaSim } from '../sim';
import type { MetaSim } from '../sim';
import { startWebhookReceiver } from './webhook-receiver.test-helper';
import type { WebhookReceiver } from './webhook-receiver.test-helper';

export interface SimBusiness {
  sim: MetaSim;
  business: BusinessView;
  /** The business's first access token. */
  token: string;
}

export interface SimBusinessWithWebhooks extends SimBusiness {
  receiver: WebhookReceiver;
}

/** A fresh stand-in with one registered business and no webhook subscription. */
export async function startSimBusiness(): Promise<SimBusiness> {
  const sim = await createMetaSim();
  const business = await sim.control.registerBusiness();

  return { sim, business, token: business.accessTokens[0] ?? '' };
}

/** A fresh stand-in whose one business posts its webhooks to a local receiver. */
export async function startSimBusinessWithWebhooks(): Promise<SimBusinessWithWebhooks> {
  const sim = await createMetaSim();
  const receiver = await startWebhookReceiver();
  const business = await sim.control.registerBusiness({
    webhook: { url: receiver.url, verifyToken: receiver.verifyToken },
  });

  return { sim, receiver, business, token: business.accessTokens[0] ?? '' };
}
