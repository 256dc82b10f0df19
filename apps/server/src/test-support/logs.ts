import { Writable } from 'node:stream';

import { createLogger, type Logger } from '../logger';

/** One line the logger wrote, parsed. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A logger whose lines are kept, parsed, in `lines`; empty it with `lines.length = 0`. */
export function capturingLogger(level: string): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(
    level,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
        done();
      },
    }),
  );

  return { logger, lines };
}
