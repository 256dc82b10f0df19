import { createGraphApiClient } from '@sanjay-flow/whatsapp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import type { MetaSim } from '../sim';
import { startSimBusiness } from '../test-support/sim-business.test-helper';
import { graph } from '../test-support/graph.test-helper';

let sim: MetaSim;
let business: BusinessView;
let token: string;

beforeAll(async () => {
  ({ sim, business, token } = await startSimBusiness());
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.control.clearFaults();
});

const listFlows = () => graph(sim.url, token, 'GET', `/${business.wabaId}/flows`);
const text = {
  messaging_product: 'whatsapp',
  to: '15550001234',
  type: 'text',
  text: { body: 'hi' },
};

describe('fault injection', () => {
  it('answers the next N calls of a route with a rate limit carrying the code of its scope', async () => {
    sim.control.addFault({ route: 'messages', kind: 'rate_limit', count: 2 });
    sim.control.addFault({ route: 'flows.list', kind: 'rate_limit', count: 1 });
    const send = () => graph(sim.url, token, 'POST', `/${business.phoneNumberId}/messages`, text);
    const first = await send();
    const second = await send();
    const third = await send();
    const listed = await listFlows();

    expect(first.status).toBe(429);
    expect(first.json.error).toMatchObject({
      code: 130_429,
      is_transient: true,
      fbtrace_id: expect.any(String) as unknown,
    });
    expect(second.status).toBe(429);
    expect(third.status).toBe(200);
    expect(listed.json.error).toMatchObject({ code: 80_007 });
    expect(sim.control.webhooks().length).toBeGreaterThan(0);
  });

  it('can name the app-level limit (code 4), which the client treats as transient', async () => {
    sim.control.addFault({ route: 'encryption.get', kind: 'rate_limit', scope: 'app' });
    const client = createGraphApiClient({ baseUrl: `${sim.url}/v23.0`, accessToken: token });

    await expect(client.getBusinessPublicKey(business.phoneNumberId)).rejects.toMatchObject({
      httpStatus: 429,
      code: 4,
      isTransient: true,
    });
  });

  it('answers a server error without acting', async () => {
    sim.control.addFault({ route: 'flows.create', kind: 'server_error' });
    const failed = await graph(sim.url, token, 'POST', `/${business.wabaId}/flows`, {
      name: 'lost',
      categories: ['OTHER'],
    });

    expect(failed.status).toBe(500);
    expect(failed.json.error).toMatchObject({ code: 2, is_transient: true });
    expect((await listFlows()).json.data).toEqual([]);
  });

  it('acts, then answers too late: a create that timed out for the caller exists', async () => {
    sim.control.addFault({ route: 'flows.create', kind: 'delay', delayMs: 60_000 });
    const timedOut = await fetch(`${sim.url}/v23.0/${business.wabaId}/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'slow', categories: ['OTHER'] }),
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      (error: unknown) => (error as Error).name,
    );

    expect(timedOut).toBe('TimeoutError');
    expect((await listFlows()).json.data).toEqual([
      expect.objectContaining({ name: 'slow', status: 'DRAFT' }),
    ]);
  });

  it('acts, then drops the connection without an answer', async () => {
    sim.control.addFault({ route: 'messages', kind: 'drop' });
    const before = sim.control.inbox({ waId: '15550001234' }).length;
    const dropped = await fetch(`${sim.url}/v23.0/${business.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(text),
    }).then(
      () => 'answered',
      () => 'dropped',
    );

    expect(dropped).toBe('dropped');
    expect(sim.control.inbox({ waId: '15550001234' })).toHaveLength(before + 1);
  });

  it('arms faults through the control API and refuses an unknown route', async () => {
    const armed = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'flows.list', kind: 'server_error' }),
    });
    const refused = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'nowhere', kind: 'drop' }),
    });

    expect(armed.status).toBe(201);
    expect((await listFlows()).status).toBe(500);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^Invalid control request: route/,
    );
  });
});
