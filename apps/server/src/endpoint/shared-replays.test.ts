import { randomBytes } from 'node:crypto';

import { openReply, sealRequest } from '@sanjay-flow/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { bookingGraph, startBookingApi } from './booking-api.test-helper';
import { postRaw, seedWorkspace, startProduct } from './endpoint.test-helper';

// Two app instances on one database stand for two server processes behind a balancer: each has
// its own in-process replay memory, so only the database can tell them a request was answered.
describe('data endpoint: replays across processes sharing a database', () => {
  const secrets = createSecretBox(randomBytes(32));
  let testDb: TestDatabase;
  let first: Awaited<ReturnType<typeof startProduct>>;
  let second: Awaited<ReturnType<typeof startProduct>>;
  let api: Awaited<ReturnType<typeof startBookingApi>>;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    first = await startProduct(testDb, secrets);
    second = await startProduct(testDb, secrets);
    api = await startBookingApi();
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await api.close();
    await testDb.dispose();
  });

  async function initRequest() {
    const booking = await seedWorkspace(testDb, secrets, bookingGraph(api.url));
    const flowToken = await booking.openSession();
    const sealed = sealRequest(
      { version: '3.0', action: 'INIT', flow_token: flowToken, screen: '', data: {} },
      booking.publicKeyPem,
    );

    return { booking, sealed, path: `/endpoint/${booking.flowId}` };
  }

  it('repeats the first answer when the replay reaches the other instance', async () => {
    const { booking, sealed, path } = await initRequest();
    const before = api.requests.length;

    const answered = await postRaw(`${first.url}${path}`, sealed.body);
    const replayed = await postRaw(`${second.url}${path}`, sealed.body);

    expect(answered.status).toBe(200);
    expect(replayed).toEqual(answered);
    expect(openReply(replayed.text, sealed.aesKey, sealed.iv)).toMatchObject({
      screen: 'CHOOSE_DATE',
    });
    expect(api.requests.length).toBe(before + 1);
    const calls = await booking.caller.endpoint.calls.list({ flowId: booking.flowId, limit: 5 });
    expect(calls.map((call) => call.errorCode)).toEqual(['REPLAYED', null]);
  });

  it('runs the program once when both instances get the request at the same time', async () => {
    const { booking, sealed, path } = await initRequest();
    const before = api.requests.length;

    const answers = await Promise.all([
      postRaw(`${first.url}${path}`, sealed.body),
      postRaw(`${second.url}${path}`, sealed.body),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[1]).toEqual(answers[0]);
    expect(api.requests.length).toBe(before + 1);
    const calls = await booking.caller.endpoint.calls.list({ flowId: booking.flowId, limit: 5 });
    expect(calls.map((call) => call.errorCode).sort()).toEqual([null, 'REPLAYED'].sort());
  });
});
