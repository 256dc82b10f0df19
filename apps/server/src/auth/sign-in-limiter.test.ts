import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { putMember, setPassword } from './accounts';
import { postJson, startTestApp, type TestApp } from './auth.test-helper';
import { createSignInLimiter, type SignInLimits } from './sign-in-limiter';

const LIMITS: SignInLimits = {
  windowMs: 60_000,
  perEmail: 3,
  perIp: 8,
  delayPerFailureMs: 150,
  maxDelayMs: 1_000,
};
const PASSWORD = 'the right password';

let testDb: TestDatabase;
// Two apps on one database stand for two server processes behind a load balancer.
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  testDb = await openTestDatabase();
  const workspaceId = await testDb.createWorkspace();
  for (const email of ['ana@example.test', 'bo@example.test', 'cy@example.test']) {
    const user = await testDb.db.prisma.user.create({ data: { email } });
    await setPassword(testDb.db.prisma, user.id, PASSWORD);
    await putMember(testDb.db.prisma, workspaceId, user.id, 'viewer');
  }
  first = await startTestApp(testDb, { signInLimits: LIMITS });
  second = await startTestApp(testDb, { signInLimits: LIMITS });
});

afterAll(async () => {
  await first.close();
  await second.close();
  await testDb.dispose();
});

async function timedSignIn(app: TestApp, email: string, password: string) {
  const started = performance.now();
  const response = await postJson(`${app.url}/auth/sign-in`, { email, password });

  return { status: response.status, ms: performance.now() - started, response };
}

describe('guessing passwords', () => {
  it('is slowed with every failure, then blocked for the email across processes', async () => {
    const one = await timedSignIn(first, 'ana@example.test', 'guess 1');
    const two = await timedSignIn(second, 'ana@example.test', 'guess 2');
    const three = await timedSignIn(first, 'ana@example.test', 'guess 3');
    const blocked = await timedSignIn(second, 'ana@example.test', PASSWORD);

    expect([one.status, two.status, three.status]).toEqual([401, 401, 401]);
    expect(one.ms).toBeGreaterThanOrEqual(150);
    expect(three.ms).toBeGreaterThanOrEqual(450);
    expect(blocked.status).toBe(429);
    expect(blocked.response.headers.get('retry-after')).toBe('60');
  });

  it('blocks an address that tries many emails, and forgives an email its failures on success', async () => {
    // The address has four failures already (three guesses and one blocked attempt for ana).
    expect((await timedSignIn(first, 'bo@example.test', 'guess')).status).toBe(401);
    expect((await timedSignIn(first, 'bo@example.test', PASSWORD)).status).toBe(200);
    for (const app of [first, second, first]) {
      expect((await timedSignIn(app, 'bo@example.test', 'guess')).status).toBe(401);
    }
    // Eight failures from this address in the window: a right password for anyone is refused.
    expect((await timedSignIn(second, 'cy@example.test', PASSWORD)).status).toBe(429);
  });

  it('keeps neither the email nor the address in clear', async () => {
    const rows = await testDb.db.prisma.signInAttempt.findMany();

    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/example\.test|127\.0\.0\.1/);
  });

  it('counts attempts made at the same moment, so a burst cannot slip past the limit', async () => {
    const limiter = createSignInLimiter(testDb.db.prisma, { ...LIMITS, perIp: 1_000 });
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => limiter.begin('burst@example.test', '192.0.2.7')),
    );
    const later = await limiter.begin('burst@example.test', '192.0.2.7');

    expect(burst.filter((attempt) => attempt.allowed).length).toBeLessThanOrEqual(LIMITS.perEmail);
    expect(later.allowed).toBe(false);
  });
});
