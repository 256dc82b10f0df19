import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import pino from 'pino';
import type { DestinationStream } from 'pino';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LogFileOptions {
  /** The log file's path, e.g. `/var/log/sflow/server.log`; a date and number are added to it. */
  file: string;
  /** Files last written longer ago than this are deleted. */
  retentionDays: number;
}

/**
 * Writes log lines to a file that rolls over each day (pino-roll, in a worker thread), readable
 * by the server's user only. Rolled files older than the retention are deleted at start and
 * then once an hour.
 */
export function logFileDestination(options: LogFileOptions): {
  destination: DestinationStream;
  stop: () => void;
} {
  const destination = pino.transport({
    target: 'pino-roll',
    options: {
      file: options.file,
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      mkdir: true,
      // Only the server's user reads its logs (redacted as they are, they name Flows, calls and
      // connections).
      mode: 0o600,
      // One file a day: keeping as many files as days is the retention, even while the
      // hourly purge below has not run yet.
      limit: { count: options.retentionDays, removeOtherLogFiles: true },
    },
  }) as DestinationStream;
  const purge = () => {
    void purgeOldLogFiles(options.file, options.retentionDays * DAY_MS, Date.now());
  };
  purge();
  const timer = setInterval(purge, 60 * 60 * 1000);
  timer.unref();

  return { destination, stop: () => clearInterval(timer) };
}

/**
 * Deletes the rolled files of `file` (`server.2026-01-31.1.log` for `server.log`) that were
 * last written before `now - maxAgeMs`. Other files in the folder are left alone. Returns the
 * deleted paths.
 */
export async function purgeOldLogFiles(
  file: string,
  maxAgeMs: number,
  now: number,
): Promise<string[]> {
  const folder = path.dirname(file);
  const extension = path.extname(file) || '.log';
  const stem = path.basename(file, path.extname(file));
  const names = await readdir(folder).catch(() => [] as string[]);
  const rolled = names.filter(
    (name) =>
      name.startsWith(`${stem}.`) && name.endsWith(extension) && name !== path.basename(file),
  );
  const deleted: string[] = [];
  for (const name of rolled) {
    const full = path.join(folder, name);
    const info = await stat(full).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > maxAgeMs) {
      await rm(full, { force: true });
      deleted.push(full);
    }
  }

  return deleted;
}
