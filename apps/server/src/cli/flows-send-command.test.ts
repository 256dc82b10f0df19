import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createOutboundMessageRepository } from '@sanjay-flow/db';
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
let workspaceId: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'sflow-send-'));
  const { prisma } = testDb.db;
  workspaceId = await testDb.createWorkspace();
  await createTestConnection(prisma, secrets, workspaceId);
  await importContactUs(prisma, workspaceId, 'Contact us');
  admin = adminOpenerFor(prisma, secrets, workspaceId);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await testDb.dispose();
});

const sflow = (...argv: string[]) => runSflow(argv, { admin });

describe('sflow flows send', () => {
  it('says to link the Flow first, then queues the message once per key', async () => {
    const unlinked = await sflow(
      'flows',
      'send',
      '--connection',
      'main',
      '--to',
      '16505551234',
      'Contact us',
    );
    expect(unlinked.code).toBe(EXIT_CODES.invalid);
    expect(unlinked.stderr).toContain('sflow flows link-meta');

    const link = await sflow(
      'flows',
      'link-meta',
      '--connection',
      'main',
      '--meta-flow-id',
      '1234567890123456',
      'Contact us',
    );
    expect(link).toMatchObject({ code: 0, stdout: 'Linked to Meta Flow 1234567890123456.\n' });

    const args = [
      'flows',
      'send',
      '--connection',
      'main',
      '--to',
      '+16505551234',
      '--key',
      'cli-1',
    ];
    const first = await sflow(...args, '--screen', 'CONTACT_US', '--format', 'json', 'Contact us');
    const again = await sflow(...args, 'Contact us');
    const sent = JSON.parse(first.stdout) as { messageId: string; created: boolean };

    expect(sent.created).toBe(true);
    expect(again.stdout).toBe(
      `Already queued with this key: message ${sent.messageId} (queued).\n`,
    );
    const message = await createOutboundMessageRepository(testDb.db.prisma).get(sent.messageId);
    expect(message?.body).toMatchObject({
      to: '16505551234',
      interactive: {
        body: { text: 'Contact us' },
        action: {
          parameters: { flow_cta: 'Open', flow_action_payload: { screen: 'CONTACT_US' } },
        },
      },
    });
  });

  it("opens the first screen with the data file's data when it fits the screen's data", async () => {
    await createBookingFlow(testDb.db.prisma, workspaceId);
    const link = ['--connection', 'main', '--meta-flow-id', '1234567890', 'Booking'];
    expect((await sflow('flows', 'link-meta', ...link)).code).toBe(EXIT_CODES.ok);
    const dataFile = path.join(folder, 'dates.json');
    const data = { dates: [{ id: '2026-03-15', title: 'Sunday 15 March' }] };
    await writeFile(dataFile, JSON.stringify(data));
    const args = ['--connection', 'main', '--to', '16505551234', '--format', 'json'];
    const sent = await sflow('flows', 'send', ...args, '--data-file', dataFile, 'Booking');
    const { messageId } = JSON.parse(sent.stdout) as { messageId: string };

    const message = await createOutboundMessageRepository(testDb.db.prisma).get(messageId);
    expect(message?.body).toMatchObject({
      interactive: {
        action: { parameters: { flow_action_payload: { screen: 'CHOOSE_DATE', data } } },
      },
    });
  });

  it('names the problem with a Flow it cannot find or a data file that is not an object', async () => {
    const missing = await sflow('flows', 'send', '--connection', 'main', '--to', '1', 'Nope');
    expect(missing).toMatchObject({
      code: EXIT_CODES.usage,
      stderr: 'sflow: no Flow has the id or name "Nope"\n',
    });
    const dataFile = path.join(folder, 'list.json');
    await writeFile(dataFile, '[1]');
    const bad = await sflow(
      'flows',
      'send',
      '--connection',
      'main',
      '--to',
      '1',
      '--data-file',
      dataFile,
      'Contact us',
    );
    expect(bad.stderr).toBe(`sflow: --data-file ${dataFile}: the file must hold a JSON object\n`);
  });
});
