import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authenticateApiToken } from '../auth/api-tokens';
import { verifyPassword } from '../auth/passwords';
import { useSignInLink } from '../auth/sign-in-links';
import { createKeyPairs } from '../connections/key-pairs';
import { createConnections } from '../connections/manage-connections';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { type AdminOpener, selectWorkspace } from './admin-session';
import { runSflow } from './cli.test-helper';

const secrets = createSecretBox(randomBytes(32));
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(() => testDb.dispose());

/** Where the environment's server answers, as the real opener reads it from PORT and HOST. */
const SERVER_URL = 'http://127.0.0.1:4123';

/** Opens sessions on the test database, choosing the workspace as the real opener does. */
const open: AdminOpener = async (selection) => {
  const prisma = testDb.db.prisma;

  return {
    workspaceId: await selectWorkspace(prisma, selection ?? {}),
    connections: createConnections(prisma, secrets),
    keyPairs: createKeyPairs({ prisma, secrets, graceHours: 24 }),
    prisma,
    serverUrl: SERVER_URL,
    close: () => Promise.resolve(),
  };
};

const sflow = (argv: string[], stdin?: string) => runSflow(argv, { admin: open }, stdin);

describe('sflow workspace, token, user and sign-in-link', () => {
  it('ask which workspace once there are several, and take it by name', async () => {
    const first = await sflow(['workspace', 'create', '--name', 'Bakery', '--format', 'json']);
    await sflow(['workspace', 'create', '--name', 'Florist']);
    const listed = await sflow(['workspace', 'list']);
    const unnamed = await sflow(['token', 'create', '--name', 'CI', '--role', 'viewer']);
    const connections = await sflow(['connection', 'list']);
    const unknown = await sflow(['connection', 'list', '--workspace', 'Nowhere']);

    expect(first.code).toBe(0);
    expect(listed.stdout).toMatch(/Bakery[\s\S]*Florist/);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('--workspace');
    expect(connections.code).toBe(2);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no workspace "Nowhere"');
  });

  it('make a token shown once, listed by its prefix, refused once revoked', async () => {
    const created = await sflow([
      'token',
      'create',
      '--name',
      'CI',
      '--role',
      'editor',
      '--workspace',
      'Florist',
    ]);
    const token = created.stdout.trim();
    const caller = await authenticateApiToken(testDb.db.prisma, token);
    const listed = await sflow(['token', 'list', '--workspace', 'Florist', '--format', 'json']);
    const [view] = JSON.parse(listed.stdout) as Array<{ id: string; prefix: string }>;
    const revoked = await sflow(['token', 'revoke', view?.id ?? '', '--workspace', 'Florist']);
    const elsewhere = await sflow(['token', 'revoke', view?.id ?? '', '--workspace', 'Bakery']);

    expect(created.code).toBe(0);
    expect(token).toMatch(/^sft_/);
    expect(caller).toMatchObject({ role: 'editor' });
    expect(listed.stdout).not.toContain(token);
    expect(token.startsWith(view?.prefix ?? '?')).toBe(true);
    expect(revoked.code).toBe(0);
    expect(await authenticateApiToken(testDb.db.prisma, token)).toBeNull();
    expect(elsewhere.code).toBe(1);
  });

  it('create users with a password from standard input or a generated one', async () => {
    const given = await sflow(
      [
        'user',
        'create',
        '--email',
        'Ana@Example.test',
        '--role',
        'owner',
        '--workspace',
        'Bakery',
        '--password-stdin',
      ],
      'a long enough password\n',
    );
    const generated = await sflow([
      'user',
      'create',
      '--email',
      'bo@example.test',
      '--role',
      'viewer',
      '--workspace',
      'Bakery',
    ]);
    const tooShort = await sflow(
      [
        'user',
        'create',
        '--email',
        'cy@example.test',
        '--role',
        'viewer',
        '--workspace',
        'Bakery',
        '--password-stdin',
      ],
      'short',
    );
    const ana = await testDb.db.prisma.user.findUniqueOrThrow({
      where: { email: 'ana@example.test' },
    });
    const bo = await testDb.db.prisma.user.findUniqueOrThrow({
      where: { email: 'bo@example.test' },
    });
    const password = /Password \(shown once\): (\S+)/.exec(generated.stdout)?.[1] ?? '';

    expect(given.code).toBe(0);
    expect(given.stdout).not.toContain('a long enough password');
    expect(await verifyPassword(ana.passwordHash, 'a long enough password')).toBe(true);
    expect(await verifyPassword(bo.passwordHash, password)).toBe(true);
    expect(tooShort.code).toBe(2);
  });

  it('print a one-time sign-in link', async () => {
    const printed = await sflow([
      'sign-in-link',
      '--email',
      'ana@example.test',
      '--url',
      'https://flows.example.test/',
    ]);
    const unknown = await sflow(['sign-in-link', '--email', 'nobody@example.test']);
    const local = await sflow(['sign-in-link', '--email', 'ana@example.test']);
    const badUrls = await Promise.all(
      ['', 'ftp://flows.example.test', 'https://flows.example.test/?q=1', 'https://x.test/#f'].map(
        (url) => sflow(['sign-in-link', '--email', 'ana@example.test', '--url', url]),
      ),
    );
    const defaultPort = await sflow([
      'sign-in-link',
      '--email',
      'ana@example.test',
      '--url',
      'https://flows.example.test:443/base/',
    ]);
    const token = /#link=(\S+)/.exec(printed.stdout)?.[1] ?? '';

    expect(printed.stdout).toMatch(/^https:\/\/flows\.example\.test\/sign-in#link=sfl_/);
    expect(local.stdout).toMatch(/^http:\/\/127\.0\.0\.1:4123\/sign-in#link=sfl_/);
    expect(badUrls.map((run) => [run.code, run.stdout])).toEqual(badUrls.map(() => [2, '']));
    expect(badUrls[0]?.stderr).toContain('--url: an http or https address without a query');
    expect(defaultPort.stdout).toMatch(/^https:\/\/flows\.example\.test\/base\/sign-in#link=sfl_/);
    expect(await useSignInLink(testDb.db.prisma, token)).not.toBeNull();
    expect(await useSignInLink(testDb.db.prisma, token)).toBeNull();
    expect(unknown.code).toBe(1);
  });
});
