import { readFile } from 'node:fs/promises';

import { AppError } from '../errors';
import { SecretError } from '../secrets/secret-box';
import type { AdminOpener, AdminSession } from './admin-session';
import { EXIT_CODES } from './io';
import type { CliIo } from './io';

export type OutputFormat = 'text' | 'json';

/** A failure to report on stderr with its exit code, without a stack trace. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';

  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Opens a session, runs the command, closes it; every expected failure ends as a message. */
export async function withAdminSession(
  io: CliIo,
  open: AdminOpener,
  run: (session: AdminSession) => Promise<void>,
): Promise<void> {
  let session: AdminSession | undefined;
  try {
    session = await open();
    await run(session);
  } catch (error) {
    if (error instanceof CliFailure) {
      fail(io, error.message, error.exitCode);
    } else if (error instanceof AppError) {
      fail(io, error.message, EXIT_CODES.invalid);
    } else if (error instanceof SecretError) {
      fail(
        io,
        `a stored secret cannot be opened (${error.message}): is this the master key it was sealed with?`,
        EXIT_CODES.invalid,
      );
    } else {
      throw error;
    }
  } finally {
    await session?.close();
  }
}

function fail(io: CliIo, message: string, exitCode: number): void {
  io.stderr(`sflow: ${message}\n`);
  io.exitCode = exitCode;
}

export function usage(message: string): CliFailure {
  return new CliFailure(message, EXIT_CODES.usage);
}

/**
 * A secret from a file or an environment variable: never from a plain flag, which would be
 * kept in shell history and shown to every user in the process list.
 */
export async function readSecret(
  label: string,
  sources: { file?: string | undefined; env?: string | undefined },
  required: boolean,
): Promise<string | undefined> {
  if (sources.file !== undefined && sources.env !== undefined) {
    throw usage(`give the ${label} either from a file or from an environment variable, not both`);
  }
  if (sources.file !== undefined) {
    const text = await readFile(sources.file, 'utf8').catch(() => {
      throw usage(`cannot read the ${label} file ${sources.file}`);
    });

    return nonEmpty(text.trim(), `the ${label} file ${sources.file} is empty`);
  }
  if (sources.env !== undefined) {
    return nonEmpty(
      (process.env[sources.env] ?? '').trim(),
      `the environment variable ${sources.env} (${label}) is not set or empty`,
    );
  }
  if (required) {
    throw usage(`the ${label} is required: give --${flagOf(label)}-file or --${flagOf(label)}-env`);
  }

  return undefined;
}

function nonEmpty(value: string, message: string): string {
  if (value === '') {
    throw usage(message);
  }

  return value;
}

function flagOf(label: string): string {
  return label.replaceAll(' ', '-');
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Two aligned columns. */
export function printTable(io: CliIo, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  io.stdout(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join(''));
}
