import type { DbLogger } from '../logger';

/** Command-line output: warnings and errors as one JSON line each on stderr. */
export const stderrLogger: DbLogger = {
  info: () => {},
  warn: (obj, msg) => writeLine('warn', obj, msg),
  error: (obj, msg) => writeLine('error', obj, msg),
};

function writeLine(level: string, obj: object, msg: string | undefined): void {
  process.stderr.write(`${JSON.stringify({ level, msg, ...obj })}\n`);
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
