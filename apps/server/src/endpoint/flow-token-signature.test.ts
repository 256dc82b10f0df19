import { randomBytes } from 'node:crypto';

import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { APP_SECRET, seedWorkspace, startProduct } from './endpoint.test-helper';
import { checkFlowTokenSignature } from './flow-token-signature';
import { probeGraph } from './probe-flow.test-helper';

const FLOW_TOKEN = 'flow-token-0001';

function signed(claims: Record<string, unknown>, secret = APP_SECRET, expiresIn = '1h') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

describe('flow_token_signature', () => {
  it('accepts a request without one, and one signed with the app secret for the token', async () => {
    const signature = await signed({ flow_token: FLOW_TOKEN });

    expect(await checkFlowTokenSignature({ flow_token: FLOW_TOKEN }, APP_SECRET)).toEqual({
      ok: true,
    });
    expect(
      await checkFlowTokenSignature(
        { flow_token: FLOW_TOKEN, flow_token_signature: signature },
        APP_SECRET,
      ),
    ).toEqual({ ok: true });
  });

  it.each([
    ['another secret', () => signed({ flow_token: FLOW_TOKEN }, 'another-app-secret'), /match/],
    ['another flow token', () => signed({ flow_token: 'someone-else' }), /another flow token/],
    ['an expired token', () => signed({ flow_token: FLOW_TOKEN }, APP_SECRET, '-1m'), /expired/],
    ['not a JWT', () => Promise.resolve('not.a.jwt'), /flow_token_signature/],
    ['not text', () => Promise.resolve(42 as unknown as string), /not a JWT/],
    [
      'alg none',
      () =>
        Promise.resolve(
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"flow_token":"${FLOW_TOKEN}"}`).toString('base64url')}.`,
        ),
      /flow_token_signature/,
    ],
  ])('refuses one signed with %s', async (_name, make, message) => {
    const result = await checkFlowTokenSignature(
      { flow_token: FLOW_TOKEN, flow_token_signature: await make() },
      APP_SECRET,
    );

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });
});

describe('data endpoint: flow_token_signature', () => {
  const secrets = createSecretBox(randomBytes(32));
  let testDb: TestDatabase;
  let product: Awaited<ReturnType<typeof startProduct>>;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    product = await startProduct(testDb, secrets);
  });

  afterAll(async () => {
    await product.close();
    await testDb.dispose();
  });

  it('answers 432 to a bad signature and runs the Flow with a good one', async () => {
    const seeded = await seedWorkspace(testDb, secrets, probeGraph('http://127.0.0.1:9'));
    const flowToken = await seeded.openSession();
    const phone = seeded.phone(product.url);
    const init = (flowTokenSignature: string) => ({
      version: '4.0',
      action: 'INIT' as const,
      flow_token: flowToken,
      flow_token_signature: flowTokenSignature,
    });

    const forged = await phone.send(init(await signed({ flow_token: flowToken }, 'forged')));
    const genuine = await phone.send(init(await signed({ flow_token: flowToken })));

    expect(forged.status).toBe(432);
    expect(genuine).toMatchObject({ status: 200, reply: { screen: 'START' } });
    const calls = await seeded.caller.endpoint.calls.list({ flowId: seeded.flowId, limit: 5 });
    expect(calls.map((call) => [call.httpStatus, call.errorCode])).toEqual([
      [200, null],
      [432, 'BAD_TOKEN_SIGNATURE'],
    ]);
  });
});
