import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openDatabase } from '@sanjay-flow/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { type AdminOpener, openAdminSession } from './admin-session';
import { adminOpenerFor, type CliRun, runSflow } from './cli.test-helper';

const ACCESS_TOKEN = 'EAAGm0PX4ZCpsBAKnownAccessToken9Zq7';
const APP_SECRET = 'f3c1a9e0d4b7app-secret-known-0042';
const PASSPHRASE = 'a passphrase for the test key';

let testDb: TestDatabase;
let dir: string;
let graphServer: Server;
let graphApiUrl: string;
let uploadedKey: string | undefined;
const secrets = createSecretBox(randomBytes(32));
const setEnv: string[] = [];

/** Every test gets its own workspace on one shared database; sessions leave it open. */
async function openerForNewWorkspace(): Promise<AdminOpener> {
  return openerFor(await testDb.createWorkspace(), secrets);
}

function openerFor(workspaceId: string, box: typeof secrets): AdminOpener {
  return adminOpenerFor(testDb.db.prisma, box, workspaceId);
}

const sflowWith = (admin: AdminOpener, ...argv: string[]): Promise<CliRun> =>
  runSflow(argv, { admin });

function env(name: string, value: string): string {
  process.env[name] = value;
  setEnv.push(name);

  return name;
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'sflow-admin-cli-'));
  await writeFile(join(dir, 'app-secret'), `${APP_SECRET}\n`);
  graphServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: { message: 'Invalid OAuth access token', code: 190 } }));
      } else if (req.method === 'POST') {
        uploadedKey = new URLSearchParams(body).get('business_public_key') ?? undefined;
        res.end(JSON.stringify({ success: true }));
      } else {
        const status = { business_public_key_signature_status: 'VALID' };
        res.end(JSON.stringify({ data: [{ business_public_key: uploadedKey, ...status }] }));
      }
    });
  });
  await new Promise<void>((resolve) => graphServer.listen(0, '127.0.0.1', resolve));
  graphApiUrl = `http://127.0.0.1:${(graphServer.address() as AddressInfo).port}/v23.0`;
});

afterEach(() => {
  setEnv.splice(0).forEach((name) => delete process.env[name]);
});

afterAll(async () => {
  await new Promise((resolve) => graphServer.close(resolve));
  await testDb.dispose();
  await rm(dir, { recursive: true, force: true });
});

function createArgs(name: string): string[] {
  return [
    'connection',
    'create',
    '--name',
    name,
    '--waba-id',
    '102290129340398',
    '--phone-number-id',
    '1065442759982347123',
    '--app-id',
    '1234567890123456',
    '--app-secret-file',
    join(dir, 'app-secret'),
    '--access-token-env',
    env('SFLOW_TEST_ACCESS_TOKEN', ACCESS_TOKEN),
    '--graph-api-url',
    graphApiUrl,
  ];
}

/** The arguments without one option and its value. */
function withoutOption(args: string[], option: string): string[] {
  const at = args.indexOf(option);

  return at < 0 ? args : [...args.slice(0, at), ...args.slice(at + 2)];
}

describe('sflow connection', () => {
  it('creates, lists and shows a connection without printing a secret', async () => {
    const admin = await openerForNewWorkspace();
    const created = await sflowWith(admin, ...createArgs('Main'));
    const list = await sflowWith(admin, 'connection', 'list', '--format', 'json');
    const shown = await sflowWith(admin, 'connection', 'show', 'Main');
    const shownJson = await sflowWith(admin, 'connection', 'show', 'Main', '--format', 'json');

    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/Created connection "Main"/);
    expect(created.stdout).toMatch(/Webhook verify token .*\n[A-Za-z0-9_-]{32}\n$/);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        name: 'Main',
        phoneNumberId: '1065442759982347123',
        accessTokenHint: '…9Zq7',
        appSecretSet: true,
      }),
    ]);
    expect(shown.stdout).toMatch(/phone number id\s+1065442759982347123/);
    expect(shown.stdout).toMatch(/key pair\s+none/);
    expect(JSON.parse(shownJson.stdout)).toMatchObject({ name: 'Main', keyPairs: [] });
    for (const output of [created, list, shown, shownJson]) {
      expect(output.stdout).not.toContain(ACCESS_TOKEN);
      expect(output.stdout).not.toContain(APP_SECRET);
    }
  });

  it('takes no secret as a plain flag, and needs one source per secret', async () => {
    const admin = await openerForNewWorkspace();
    const plainFlag = await sflowWith(
      admin,
      ...withoutOption(createArgs('Main'), '--app-secret-file'),
      '--app-secret',
      APP_SECRET,
    );
    const missing = await sflowWith(
      admin,
      ...withoutOption(createArgs('Main'), '--app-secret-file'),
    );
    const unsetVariable = await sflowWith(
      admin,
      ...createArgs('Main'),
      '--verify-token-env',
      'SFLOW_TEST_UNSET_VARIABLE',
    );
    const help = await sflowWith(admin, 'connection', 'create', '--help');

    expect(plainFlag.code).toBe(2);
    expect(plainFlag.stderr).toMatch(/unknown option '--app-secret'/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /app secret is required: give --app-secret-file or --app-secret-env/,
    );
    expect(unsetVariable.code).toBe(2);
    expect(unsetVariable.stderr).toMatch(/SFLOW_TEST_UNSET_VARIABLE/);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/never from a flag/);
    expect(
      JSON.parse((await sflowWith(admin, 'connection', 'list', '--format', 'json')).stdout),
    ).toEqual([]);
  });

  it('reports a duplicate name and an unknown connection as failures, a bad id as usage', async () => {
    const admin = await openerForNewWorkspace();
    await sflowWith(admin, ...createArgs('Main'));
    const duplicate = await sflowWith(admin, ...createArgs('Main'));
    const unknown = await sflowWith(admin, 'connection', 'show', 'Nobody');
    const badId = await sflowWith(
      admin,
      ...createArgs('Other').map((arg) => (arg === '102290129340398' ? '1.5e15' : arg)),
    );

    expect(duplicate).toMatchObject({
      code: 1,
      stderr: 'sflow: A connection named "Main" already exists\n',
    });
    expect(unknown).toMatchObject({ code: 1, stderr: 'sflow: No connection is named "Nobody"\n' });
    expect(badId).toMatchObject({
      code: 2,
      stderr: 'sflow: --waba-id: a Meta id is a string of digits\n',
    });
  });
});

describe('sflow keys', () => {
  it('generates, shows, uploads and rotates the key pair of a connection', async () => {
    const admin = await openerForNewWorkspace();
    await sflowWith(admin, ...createArgs('Main'));
    const generated = await sflowWith(admin, 'keys', 'generate', '--connection', 'Main');
    const again = await sflowWith(admin, 'keys', 'generate', '--connection', 'Main');
    const shown = await sflowWith(admin, 'keys', 'show', '--connection', 'Main');
    const uploaded = await sflowWith(admin, 'keys', 'upload', '--connection', 'Main');
    const rotated = await sflowWith(admin, 'keys', 'rotate', '--connection', 'Main');
    const shownAfter = await sflowWith(
      admin,
      'keys',
      'show',
      '--connection',
      'Main',
      '--format',
      'json',
    );
    const fingerprint = /fingerprint \(SHA-256 of the SPKI DER\): ([0-9a-f]{64})/.exec(
      shown.stdout,
    )?.[1];

    expect(generated.code).toBe(0);
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/rotate it instead/) as unknown,
    });
    expect(shown.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(fingerprint).toBeDefined();
    expect(uploaded).toMatchObject({ code: 0, stderr: '' });
    expect(uploaded.stdout).toMatch(/Signature status: VALID/);
    expect(uploadedKey).toBe(
      shown.stdout.slice(0, shown.stdout.indexOf('-----END PUBLIC KEY-----') + 25),
    );
    expect(rotated.stdout).toMatch(
      new RegExp(`Previous key ${fingerprint ?? ''} keeps decrypting until`),
    );
    expect(JSON.parse(shownAfter.stdout)).toMatchObject({ status: 'active', uploadedAt: null });
    expect((JSON.parse(shownAfter.stdout) as { fingerprint: string }).fingerprint).not.toBe(
      fingerprint,
    );
  });

  it('imports an encrypted key with the passphrase from the environment', async () => {
    const admin = await openerForNewWorkspace();
    await sflowWith(admin, ...createArgs('Main'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = join(dir, 'encrypted.pem');
    await writeFile(
      file,
      privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: PASSPHRASE,
      }),
    );
    const withoutPassphrase = await sflowWith(
      admin,
      'keys',
      'import',
      '--connection',
      'Main',
      '--file',
      file,
    );
    const imported = await sflowWith(
      admin,
      'keys',
      'import',
      '--connection',
      'Main',
      '--file',
      file,
      '--passphrase-env',
      env('SFLOW_TEST_PASSPHRASE', PASSPHRASE),
    );
    const missingFile = await sflowWith(
      admin,
      'keys',
      'import',
      '--connection',
      'Main',
      '--file',
      join(dir, 'none.pem'),
    );

    expect(withoutPassphrase).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/encrypted: give its passphrase/) as unknown,
    });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(missingFile.code).toBe(2);
  });

  it("reports a refused upload as a failure with Meta's message", async () => {
    const admin = await openerForNewWorkspace();
    await sflowWith(
      admin,
      ...createArgs('Main').map((arg) =>
        arg === 'SFLOW_TEST_ACCESS_TOKEN' ? env('SFLOW_TEST_WRONG_TOKEN', 'wrong-token') : arg,
      ),
    );
    await sflowWith(admin, 'keys', 'generate', '--connection', 'Main');
    const upload = await sflowWith(admin, 'keys', 'upload', '--connection', 'Main');

    expect(upload.code).toBe(1);
    expect(upload.stderr).toMatch(/Invalid OAuth access token \(code 190\)/);
  });
});

describe('admin commands with another master key', () => {
  it('show the connection with a warning, and refuse to use its secrets', async () => {
    const workspaceId = await testDb.createWorkspace();
    const admin = openerFor(workspaceId, secrets);
    const otherKey = openerFor(workspaceId, createSecretBox(randomBytes(32)));
    await sflowWith(admin, ...createArgs('Main'));
    await sflowWith(admin, 'keys', 'generate', '--connection', 'Main');
    const shown = await sflowWith(otherKey, 'connection', 'show', 'Main');
    const upload = await sflowWith(otherKey, 'keys', 'upload', '--connection', 'Main');

    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/access token\s+unreadable/);
    expect(shown.stderr).toMatch(/cannot be opened with the current master key/);
    expect(upload.code).toBe(1);
    expect(upload.stderr).toMatch(/master key it was sealed with/);
  });
});

describe('admin commands on the database of the environment', () => {
  it('open the embedded database as the server does, and say what to do when it is in use', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sflow-admin-env-'));
    const environment = {
      SFLOW_DATA_DIR: dataDir,
      SFLOW_MASTER_KEY: randomBytes(32).toString('hex'),
      // The Graph API stand-in is on loopback, which a connection reaches only when allowed.
      SFLOW_HTTP_ALLOWED_HOSTS: '127.0.0.1',
    };
    const admin: AdminOpener = () => openAdminSession(environment);
    try {
      const running = await openDatabase({ dataDir: join(dataDir, 'database') });
      let busy: CliRun;
      try {
        busy = await sflowWith(admin, 'connection', 'list');
      } finally {
        await running.close();
      }
      const created = await sflowWith(admin, ...createArgs('Main'));
      const listed = await sflowWith(admin, 'connection', 'list');

      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/in use .*stop the server or set DATABASE_URL/);
      expect(created.code).toBe(0);
      expect(listed.stdout).toMatch(
        /^Main\tWABA 102290129340398\tphone number 1065442759982347123\n$/,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('say when a data folder is new, read the server address, and put a failed start in words', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sflow-admin-new-'));
    const environment = { SFLOW_DATA_DIR: dataDir, PORT: '4123' };
    const notices: string[] = [];
    const opened = async (env: NodeJS.ProcessEnv = environment) => {
      const session = await openAdminSession(env, {}, (text) => notices.push(text));
      await session.close();

      return session;
    };
    try {
      const first = await opened();
      const second = await opened();
      const withKey = await opened({
        SFLOW_DATA_DIR: join(dataDir, 'other'),
        SFLOW_MASTER_KEY: randomBytes(32).toString('hex'),
        PORT: '0',
      });
      await rm(join(dataDir, 'database'), { recursive: true });
      await mkdir(join(dataDir, 'database'));
      await writeFile(join(dataDir, 'database', 'notes.txt'), 'not a database');
      const failed = await sflowWith(() => openAdminSession(environment), 'connection', 'list');

      expect(notices).toEqual([
        `no database was in ${dataDir}: made a new, empty one and a new master key there. To ` +
          "work on a running server's data, run sflow from the folder the server was started " +
          'in, or set SFLOW_DATA_DIR.',
        `no database was in ${join(dataDir, 'other')}: made a new, empty one there. To work on ` +
          "a running server's data, run sflow from the folder the server was started in, or " +
          'set SFLOW_DATA_DIR.',
      ]);
      expect([first.serverUrl, second.serverUrl, withKey.serverUrl]).toEqual([
        'http://127.0.0.1:4123',
        'http://127.0.0.1:4123',
        undefined,
      ]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toBe(
        `sflow: could not open the database: ${join(dataDir, 'database')} holds files but no ` +
          'database (it has no PG_VERSION): the embedded database is not made over them. Choose ' +
          'an empty folder, or move the files away.\n',
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("make no master key for a database that may hold secrets sealed with the server's", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sflow-admin-nokey-'));
    try {
      const server = { SFLOW_DATA_DIR: dataDir, SFLOW_MASTER_KEY: randomBytes(32).toString('hex') };
      await (await openAdminSession(server)).close();
      const embedded = await sflowWith(
        () => openAdminSession({ SFLOW_DATA_DIR: dataDir }),
        'connection',
        'list',
      );
      const elsewhere = join(dataDir, 'elsewhere');
      const shared = await sflowWith(
        () =>
          openAdminSession({
            SFLOW_DATA_DIR: elsewhere,
            DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unused',
          }),
        'connection',
        'list',
      );

      expect(embedded.code).toBe(1);
      expect(embedded.stderr).toContain(
        `sflow: no master key: SFLOW_MASTER_KEY is not set and ${join(dataDir, 'master.key')} ` +
          `does not exist, while the database in ${join(dataDir, 'database')} may hold secrets`,
      );
      expect(shared.code).toBe(1);
      expect(shared.stderr).toContain('while the database of DATABASE_URL may hold secrets');
      await expect(stat(join(dataDir, 'master.key'))).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(stat(elsewhere)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad master key as a usage error without printing it', async () => {
    const badKey = 'short-key-value';
    const run = await sflowWith(
      () => openAdminSession({ SFLOW_MASTER_KEY: badKey }),
      'connection',
      'list',
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SFLOW_MASTER_KEY=\(value hidden\)/);
    expect(run.stderr).not.toContain(badKey);
  });
});
