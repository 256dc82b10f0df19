import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKeyPairs } from './connections/key-pairs';
import { createLogger } from './logger';
import { type MetaSimJourney, startMetaSimJourney } from './messaging/meta-sim-journey.test-helper';
import { eventually } from './workers/eventually.test-helper';

const CUSTOMER = { waId: '15559876543', name: 'Beatriz Quaresma' };
const ANSWERS = { first_name: 'Beatriz', second_name: 'Quaresma', info: 'Allergic to penicillin' };
const VERIFY_TOKEN = 'journey-verify-token-7f3a9c';

/**
 * A customer's whole journey through the product, logged at debug level: a text comes in by
 * webhook, a trigger sends the Flow through the outbox, the customer completes it, the answers
 * are stored, statuses come back. Then every log line is scanned for what must never be there.
 */
describe('the log of a whole customer journey', () => {
  const lines: string[] = [];
  let journey: MetaSimJourney;
  let secretsInUse: string[];

  beforeAll(async () => {
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    journey = await startMetaSimJourney(logger, VERIFY_TOKEN);
    const { sim, business, accessToken, workspaceId } = journey;
    const { prisma } = journey.testDb.db;
    const keyPair = await createKeyPairs({
      prisma,
      secrets: journey.secrets,
      graceHours: 1,
    }).generate(await journey.connections.record(workspaceId, journey.connectionId));
    const privateKey = await prisma.keyPair.findUniqueOrThrow({ where: { id: keyPair.id } });
    secretsInUse = [accessToken, business.appSecret, VERIFY_TOKEN, privateKey.privateKey];
    await sim.control.customerSendsText({
      phoneNumberId: business.phoneNumberId,
      customer: CUSTOMER,
      text: 'book please',
    });
    const flowMessage = await eventually(() =>
      Promise.resolve(
        sim.control.inbox(CUSTOMER).find((message) => message.type === 'interactive'),
      ),
    );
    await sim.control.completeFlow({
      customer: CUSTOMER,
      messageId: flowMessage.id,
      answers: { CONTACT_US: ANSWERS },
    });
    await eventually(async () => (await prisma.submission.count({ where: { workspaceId } })) === 1);
    await sim.control.webhooksIdle();
  }, 90_000);

  afterAll(() => journey.close());

  it('went through every step, and its log has no secret, phone number, name or answer', async () => {
    const { prisma } = journey.testDb.db;
    const submission = await prisma.submission.findFirstOrThrow({});
    const output = lines.join('');
    const flowTokens = (await prisma.flowSession.findMany({})).map((session) => session.flowToken);

    expect(JSON.stringify(submission.answers)).toContain('Allergic to penicillin');
    expect(lines.length).toBeGreaterThan(10);
    expect(flowTokens.length).toBeGreaterThan(0);
    for (const forbidden of [
      ...secretsInUse,
      ...flowTokens,
      CUSTOMER.waId,
      CUSTOMER.name,
      ...Object.values(ANSWERS),
      'book please',
    ]) {
      expect(output, `the log shows ${forbidden.slice(0, 12)}…`).not.toContain(forbidden);
    }
    expect(output).not.toMatch(/sha256=[0-9a-f]{64}/);
    expect(output).not.toContain('BEGIN PRIVATE KEY');
  });
});
