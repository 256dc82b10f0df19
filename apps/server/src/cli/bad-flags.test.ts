import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import {
  createBookingFlow,
  createTestConnection,
  importContactUs,
} from '../test-support/messaging';
import type { AdminOpener } from './admin-session';
import { adminOpenerFor, runSflow } from './cli.test-helper';
import { EXIT_CODES } from './index';

const secrets = createSecretBox(randomBytes(32));
let testDb: TestDatabase;
let folder: string;
let admin: AdminOpener;

beforeAll(async () => {
  testDb = await openTestDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'sflow-flags-'));
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  await createTestConnection(prisma, secrets, workspaceId);
  await importContactUs(prisma, workspaceId, 'Contact us');
  await createBookingFlow(prisma, workspaceId);
  admin = adminOpenerFor(prisma, secrets, workspaceId);
  const link = (flow: string) =>
    runSflow(['flows', 'link-meta', '--connection', 'main', '--meta-flow-id', '1234567890', flow], {
      admin,
    });
  expect((await link('Contact us')).code).toBe(EXIT_CODES.ok);
  expect((await link('Booking')).code).toBe(EXIT_CODES.ok);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await testDb.dispose();
});

/** Stands for a data file that does not fit the Booking Flow's first screen. */
const UNFIT_DATA = '<unfit data file>';

const send = ['flows', 'send', '--connection', 'main', '--to', '15551112222'];
const connection = [
  'connection',
  'create',
  '--name',
  'second',
  '--waba-id',
  '102290129340398',
  '--phone-number-id',
  '106540352242922',
  '--app-id',
  '1234567890123456',
  '--app-secret-env',
  'PATH',
  '--access-token-env',
  'PATH',
];

/** Each command with one bad flag value: the flag it names and what it says is wrong. */
const cases: { argv: string[]; line: string }[] = [
  {
    argv: ['flows', 'send', '--connection', 'main', '--to', '12', 'Booking'],
    line: 'sflow: --to: not a recipient: give a phone number of 7 to 15 digits',
  },
  {
    argv: [...send, '--cta', 'Book your appointment today', 'Booking'],
    line: 'sflow: --cta: has at most 20 characters',
  },
  {
    argv: [...send, '--body', 'x'.repeat(1025), 'Booking'],
    line: 'sflow: --body: ',
  },
  {
    argv: [...send, '--header', 'x'.repeat(61), 'Booking'],
    line: 'sflow: --header: ',
  },
  {
    argv: [...send, '--key', 'k'.repeat(201), 'Booking'],
    line: 'sflow: --key: ',
  },
  {
    argv: [...send, '--screen', 'NOPE', 'Booking'],
    line: 'sflow: --screen: no screen "NOPE" in this Flow (screens: CHOOSE_DATE, CHOOSE_SLOT, SUMMARY)',
  },
  {
    argv: [...send, '--data-file', UNFIT_DATA, 'Booking'],
    line: 'sflow: --data-file "dates": is text, but screen "CHOOSE_DATE" declares it as array',
  },
  {
    argv: ['flows', 'link-meta', '--connection', 'main', '--meta-flow-id', 'abc', 'Booking'],
    line: 'sflow: --meta-flow-id: a Meta Flow id is a string of digits',
  },
  {
    argv: ['flows', 'link-meta', '--connection', 'main', 'Booking'],
    line: 'sflow: give exactly one of --meta-flow-id and --meta-flow-name',
  },
  {
    argv: connection.map((arg) => (arg === '102290129340398' ? 'abc' : arg)),
    line: 'sflow: --waba-id: ',
  },
  {
    argv: [...connection, '--graph-api-url', 'not a url'],
    line: 'sflow: --graph-api-url: ',
  },
  {
    argv: [
      'publish',
      '--connection',
      'main',
      '--endpoint-uri',
      'ftp://example.test/endpoint',
      '--dry-run',
      'Booking',
    ],
    line: 'sflow: --endpoint-uri: ',
  },
  {
    argv: ['data', 'export', '--phone', 'abc'],
    line: 'sflow: --phone',
  },
  {
    argv: ['user', 'create', '--email', 'nope', '--role', 'editor'],
    line: 'sflow: --email: not an email address',
  },
  { argv: ['workspace', 'create', '--name', ' '], line: 'sflow: --name: ' },
  {
    argv: ['token', 'create', '--name', '', '--role', 'viewer'],
    line: 'sflow: --name: ',
  },
];

describe('a bad flag value', () => {
  it.each(cases)('$line', async ({ argv, line }) => {
    const unfit = path.join(folder, 'unfit.json');
    await writeFile(unfit, JSON.stringify({ dates: 'monday' }));
    const run = await runSflow(
      argv.map((arg) => (arg === UNFIT_DATA ? unfit : arg)),
      { admin },
    );

    expect(run.stderr.slice(0, line.length)).toBe(line);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.code).toBe(EXIT_CODES.usage);
  });
});

describe('a command line the parser refuses', () => {
  it.each([
    { argv: ['validate', '--nope', 'a.json'], line: "sflow: unknown option '--nope'" },
    { argv: ['flows', 'send', '--to'], line: "sflow: option '--to <" },
    { argv: ['nothing'], line: "sflow: unknown command 'nothing'" },
  ])('$line', async ({ argv, line }) => {
    const run = await runSflow(argv, { admin });

    expect(run.stderr.slice(0, line.length)).toBe(line);
    expect(run.stderr).toContain('(run sflow --help for usage)');
    expect(run.code).toBe(EXIT_CODES.usage);
  });
});
