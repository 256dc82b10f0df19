// A sender process for crash tests: claims one outbox job, sends it (or, with
// CRASH_POINT=claimed, only claims it), reports on stdout and then waits to be killed.
import {
  createConnectionRepository,
  createOutboundMessageRepository,
  createJobRepository,
  openDatabase,
} from '@sanjay-flow/db';
import { createGraphApiClient } from '@sanjay-flow/whatsapp';
import pino from 'pino';

import { connectionSecretPurpose } from '../connections/connection-input';
import { createSecretBox } from '../secrets/secret-box';
import { OUTBOX_QUEUE } from './queue-message';
import { createSendRateLimiter } from './rate-limiter';
import { createSendHandler } from './send-outbound';

const env = process.env;
const db = await openDatabase({ databaseUrl: env['SFLOW_TEST_DB_URL'], migrate: false });
const secrets = createSecretBox(Buffer.from(env['SFLOW_TEST_MASTER_KEY'] ?? '', 'hex'));
const [job] = await createJobRepository(db.prisma).claim(OUTBOX_QUEUE, {
  workerId: 'doomed',
  limit: 1,
  leaseMs: Number(env['SFLOW_TEST_LEASE_MS']),
});
if (job === undefined) {
  throw new Error('no outbox job to claim');
}
if (env['SFLOW_TEST_CRASH_POINT'] !== 'claimed') {
  const connections = createConnectionRepository(db.prisma);
  await createSendHandler({
    messages: createOutboundMessageRepository(db.prisma),
    connection: (workspaceId, id) => connections.get(workspaceId, id),
    accessToken: (connection) =>
      secrets.open(connection.accessToken, connectionSecretPurpose(connection.id, 'accessToken')),
    graphApi: createGraphApiClient,
    limiter: createSendRateLimiter(),
    maxAttempts: 8,
    log: pino({ level: 'silent' }),
  })(job);
}
process.stdout.write(
  `${JSON.stringify({ reached: env['SFLOW_TEST_CRASH_POINT'], jobId: job.id })}\n`,
);
// Holds the claim until the test kills the process: no completion, no cleanup.
setInterval(() => undefined, 60_000);
