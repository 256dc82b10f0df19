// npm run db:migrate [-- --data-dir <folder>]
// Applies pending migrations to DATABASE_URL, or to the embedded database's folder when
// DATABASE_URL is not set: the one the server uses, `<SFLOW_DATA_DIR>/database` (default
// .sflow/database).
import path from 'node:path';
import { parseArgs } from 'node:util';

import { startEmbeddedDatabase } from '../embedded';
import { applyMigrations } from '../migrate/apply';
import { fail, print, stderrLogger } from './cli-logger';

async function deploy(dataDir: string | undefined): Promise<string[]> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) {
    return applyMigrations(databaseUrl, { log: stderrLogger });
  }
  const folder = dataDir ?? path.join(process.env['SFLOW_DATA_DIR'] || '.sflow', 'database');
  const embedded = await startEmbeddedDatabase({ dataDir: folder, log: stderrLogger });
  try {
    return await applyMigrations(embedded.url, { log: stderrLogger });
  } finally {
    await embedded.close();
  }
}

let dataDir: string | undefined;
try {
  dataDir = parseArgs({ options: { 'data-dir': { type: 'string' } } }).values['data-dir'];
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write('usage: npm run db:migrate [-- --data-dir <folder>]\n');
  process.exit(2);
}

try {
  const applied = await deploy(dataDir);
  print(applied.length === 0 ? 'No pending migrations.' : `Applied: ${applied.join(', ')}`);
} catch (error) {
  fail(error);
}
