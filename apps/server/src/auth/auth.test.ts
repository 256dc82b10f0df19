import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { putMember, setPassword } from './accounts';
import { createApiToken, revokeApiToken } from './api-tokens';
import { cookieOf, postJson, startTestApp, type TestApp } from './auth.test-helper';
import { ensureFirstOwner, FIRST_OWNER_EMAIL } from './first-start';
import { hashPassword, verifyPassword } from './passwords';
import { tokenHash } from './secrets';
import { createSignInLink } from './sign-in-links';

let testDb: TestDatabase;
let app: TestApp;
let workspaceId: string;

const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  testDb = await openTestDatabase();
  workspaceId = await testDb.createWorkspace('Auth workspace');
  app = await startTestApp(testDb);
});

afterAll(async () => {
  await app.close();
  await testDb.dispose();
});

async function makeUser(
  email: string,
  role: 'owner' | 'editor' | 'viewer',
  inWorkspace = workspaceId,
) {
  const user = await testDb.db.prisma.user.create({ data: { email } });
  await setPassword(testDb.db.prisma, user.id, PASSWORD);
  await putMember(testDb.db.prisma, inWorkspace, user.id, role);

  return user.id;
}

async function signInAs(email: string) {
  const response = await postJson(`${app.url}/auth/sign-in`, { email, password: PASSWORD });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string; workspace: { id: string } };
  const cookie = cookieOf(response, 'sflow_session');

  return { cookie: cookie?.pair ?? '', csrfToken: body.csrfToken, body };
}

function createFlow(headers: Record<string, string>) {
  return postJson(`${app.url}/trpc/flows.create`, { name: 'Auth test' }, headers);
}

describe('passwords', () => {
  it('are stored as argon2id hashes that verify only the right password', async () => {
    const stored = await hashPassword(PASSWORD);

    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(stored, PASSWORD)).toBe(true);
    expect(await verifyPassword(stored, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword(null, PASSWORD)).toBe(false);
  });
});

describe('signing in with a password', () => {
  it('sets an httpOnly SameSite=Lax session cookie, not Secure over plain HTTP', async () => {
    await makeUser('cookie@example.test', 'editor');
    const response = await postJson(`${app.url}/auth/sign-in`, {
      email: 'Cookie@Example.test',
      password: PASSWORD,
    });
    const cookie = cookieOf(response, 'sflow_session');

    expect(response.status).toBe(200);
    expect(cookie?.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']),
    );
    expect(cookie?.attributes).not.toContain('secure');
    expect(await response.json()).toMatchObject({
      user: { email: 'cookie@example.test', hasPassword: true },
      workspace: { id: workspaceId, role: 'editor' },
    });
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const behindProxy = await startTestApp(testDb, { trustProxy: true });
    const response = await postJson(
      `${behindProxy.url}/auth/sign-in`,
      { email: 'cookie@example.test', password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    await behindProxy.close();

    expect(cookieOf(response, 'sflow_session')?.attributes).toContain('secure');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await postJson(`${app.url}/auth/sign-in`, {
      email: 'cookie@example.test',
      password: 'not the password',
    });
    const unknown = await postJson(`${app.url}/auth/sign-in`, {
      email: 'nobody@example.test',
      password: PASSWORD,
    });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(cookieOf(wrong, 'sflow_session')).toBeUndefined();
  });

  it('ends every other session of the user when the password changes', async () => {
    await makeUser('change@example.test', 'viewer');
    const stolen = await signInAs('change@example.test');
    const own = await signInAs('change@example.test');
    const sessionOf = (cookie: string) =>
      fetch(`${app.url}/auth/session`, { headers: { cookie } }).then((response) => response.status);

    const changed = await postJson(
      `${app.url}/auth/password`,
      { currentPassword: PASSWORD, password: `${PASSWORD} again` },
      { cookie: own.cookie, 'x-csrf-token': own.csrfToken },
    );

    expect(changed.status).toBe(204);
    expect(await sessionOf(stolen.cookie)).toBe(401);
    expect(await sessionOf(own.cookie)).toBe(200);
  });

  it('stores only the hash of the session cookie', async () => {
    await makeUser('hash@example.test', 'viewer');
    const { cookie } = await signInAs('hash@example.test');
    const token = cookie.split('=')[1] ?? '';
    const rows = await testDb.db.prisma.signInSession.findMany();

    expect(rows.some((row) => row.tokenHash === tokenHash(token))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('requests to the API', () => {
  it('answer 401 without credentials, on queries and mutations alike', async () => {
    const query = await fetch(`${app.url}/trpc/flows.list`);
    const mutation = await createFlow({});
    const badToken = await fetch(`${app.url}/trpc/flows.list`, {
      headers: { authorization: 'Bearer sft_not-a-token' },
    });

    expect(query.status).toBe(401);
    expect(mutation.status).toBe(401);
    expect(badToken.status).toBe(401);
    expect(await query.json()).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
  });

  it('need the CSRF token for a change made with the session cookie', async () => {
    await makeUser('csrf@example.test', 'editor');
    const { cookie, csrfToken } = await signInAs('csrf@example.test');

    const read = await fetch(`${app.url}/trpc/flows.list`, { headers: { cookie } });
    const without = await createFlow({ cookie });
    const wrong = await createFlow({ cookie, 'x-csrf-token': `${csrfToken}x` });
    const right = await createFlow({ cookie, 'x-csrf-token': csrfToken });

    expect(read.status).toBe(200);
    expect(without.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect(right.status).toBe(200);
  });

  it('end with the session at sign-out, which itself needs the CSRF token', async () => {
    await makeUser('out@example.test', 'viewer');
    const { cookie, csrfToken } = await signInAs('out@example.test');

    const forged = await postJson(`${app.url}/auth/sign-out`, {}, { cookie });
    const signedOut = await postJson(
      `${app.url}/auth/sign-out`,
      {},
      { cookie, 'x-csrf-token': csrfToken },
    );
    const after = await fetch(`${app.url}/auth/session`, { headers: { cookie } });

    expect(forged.status).toBe(403);
    expect(signedOut.status).toBe(204);
    expect(after.status).toBe(401);
  });

  it('accept an API token without CSRF, in its workspace with its role, until revoked', async () => {
    const { token, view } = await createApiToken(testDb.db.prisma, {
      workspaceId,
      name: 'CI',
      role: 'viewer',
    });
    const headers = { authorization: `Bearer ${token}` };

    const read = await fetch(`${app.url}/trpc/flows.list`, { headers });
    const write = await createFlow(headers);
    await revokeApiToken(testDb.db.prisma, workspaceId, view.id);
    const revoked = await fetch(`${app.url}/trpc/flows.list`, { headers });
    const stored = await testDb.db.prisma.apiToken.findUniqueOrThrow({ where: { id: view.id } });

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(revoked.status).toBe(401);
    expect(stored.tokenHash).toBe(tokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(token.startsWith(stored.prefix)).toBe(true);
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it('act in the workspace a member of several names, and refuse one that is not theirs', async () => {
    const second = await testDb.createWorkspace('Second workspace');
    const foreign = await testDb.createWorkspace('Not theirs');
    const userId = await makeUser('two@example.test', 'viewer');
    await putMember(testDb.db.prisma, second, userId, 'owner');
    const { cookie, csrfToken } = await signInAs('two@example.test');

    const first = await createFlow({ cookie, 'x-csrf-token': csrfToken });
    const named = await createFlow({
      cookie,
      'x-csrf-token': csrfToken,
      'x-sflow-workspace': second,
    });
    const other = await fetch(`${app.url}/trpc/flows.list`, {
      headers: { cookie, 'x-sflow-workspace': foreign },
    });
    const chosen = await postJson(
      `${app.url}/auth/workspace`,
      { workspaceId: second },
      { cookie, 'x-csrf-token': csrfToken },
    );

    expect(first.status).toBe(403);
    expect(named.status).toBe(200);
    expect(other.status).toBe(404);
    expect(chosen.status).toBe(200);
    expect(await chosen.json()).toMatchObject({ workspace: { id: second, role: 'owner' } });
  });
});

describe('one-time sign-in links and first start', () => {
  it('make the owner once, and the link signs in once, then a password is chosen', async () => {
    const fresh = await openTestDatabase();
    try {
      const freshWorkspace = await fresh.createWorkspace();
      const freshApp = await startTestApp(fresh);
      const first = await ensureFirstOwner(fresh.db.prisma, freshWorkspace);
      const again = await ensureFirstOwner(fresh.db.prisma, freshWorkspace);
      const token = decodeURIComponent(first?.linkPath.split('#link=')[1] ?? '');

      const used = await postJson(`${freshApp.url}/auth/link`, { token });
      const reused = await postJson(`${freshApp.url}/auth/link`, { token });
      const body = (await used.json()) as { csrfToken: string; user: { hasPassword: boolean } };
      const cookie = cookieOf(used, 'sflow_session')?.pair ?? '';
      const tooShort = await postJson(
        `${freshApp.url}/auth/password`,
        { password: 'short' },
        { cookie, 'x-csrf-token': body.csrfToken },
      );
      const chosen = await postJson(
        `${freshApp.url}/auth/password`,
        { password: PASSWORD },
        { cookie, 'x-csrf-token': body.csrfToken },
      );
      const byPassword = await postJson(`${freshApp.url}/auth/sign-in`, {
        email: FIRST_OWNER_EMAIL,
        password: PASSWORD,
      });
      const links = await fresh.db.prisma.signInLink.findMany();
      await freshApp.close();

      expect(first?.linkPath).toMatch(/^\/sign-in#link=sfl_/);
      expect(again).toBeNull();
      expect(used.status).toBe(200);
      expect(body.user.hasPassword).toBe(false);
      expect(reused.status).toBe(401);
      expect(tooShort.status).toBe(400);
      expect(await tooShort.json()).toMatchObject({
        error: {
          message: 'Invalid request body: password: a password needs at least 10 characters',
        },
      });
      expect(chosen.status).toBe(204);
      expect(byPassword.status).toBe(200);
      expect(await byPassword.json()).toMatchObject({
        workspace: { id: freshWorkspace, role: 'owner' },
      });
      expect(JSON.stringify(links)).not.toContain(token);
    } finally {
      await fresh.dispose();
    }
  });

  it('refuse an expired link', async () => {
    const userId = await makeUser('late@example.test', 'viewer');
    const dayAndMore = new Date(Date.now() - 25 * 60 * 60 * 1000);
    const { token } = await createSignInLink(testDb.db.prisma, userId, dayAndMore);

    const response = await postJson(`${app.url}/auth/link`, { token });

    expect(response.status).toBe(401);
  });
});
