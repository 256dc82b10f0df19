/**
 * A server process for the reliability tests: the real server, configured from the environment
 * like `sflow serve`, whose inbox handler writes each message id it is given to the
 * `handled_item` table (no unique key: a second call would show as a second row).
 * `TEST_WORKERS=off` runs it without background workers, so that webhooks are stored and left
 * unprocessed. Prints `{"listening":"<url>","token":"<API token>"}` once it listens; the token
 * reads the API as an owner for an hour.
 */
import type { Database } from '@sanjay-flow/db';

import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startServer } from '../server';
import type { InboxHandlers } from './handlers';

function tableHandlers(db: Database): InboxHandlers {
  const insert = async (item: string) => {
    await db.prisma.$executeRawUnsafe(
      'INSERT INTO handled_item (item, pid) VALUES ($1, $2)',
      item,
      process.pid,
    );
  };

  return {
    message: (message) => insert(message.id),
    status: (status) => insert(`${status.id}/${status.status}`),
    flowEvent: (event) => insert(event.event),
  };
}

const config = loadConfig();
const server = await startServer(config, createLogger(config.logLevel), {
  workers: process.env['TEST_WORKERS'] !== 'off',
  inboxHandlers: tableHandlers,
  printSignInLink: () => undefined,
});
const token = await server.issueApiToken({ name: 'test', role: 'owner', expiresInMs: 3_600_000 });
process.stdout.write(`${JSON.stringify({ listening: server.url, token })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
