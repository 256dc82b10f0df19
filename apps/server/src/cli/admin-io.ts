import { readFile } from 'node:fs/promises';

import { ZodError } from 'zod';

import { AppError, type AppErrorCode } from '../errors';
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

/**
 * Names the flag an input field came from: `to` is `--to`, `metaFlowId` `--meta-flow-id`;
 * `overrides` name the fields whose flag is called otherwise, and a field inside one is
 * named after it (`data.date` from `--data-file` is `--data-file "date"`).
 */
export type FlagNamer = (field: string) => string;

export function flagNamer(overrides: Record<string, string> = {}): FlagNamer {
  return (field) => {
    const found = Object.entries(overrides).find(
      ([prefix]) => field === prefix || field.startsWith(`${prefix}.`),
    );
    if (found === undefined) {
      return `--${kebabCase(field.split('.')[0] ?? field)}`;
    }
    const [prefix, flag] = found;

    return field === prefix ? flag : `${flag} "${field.slice(prefix.length + 1)}"`;
  };
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The errors whose problems are each about one field of the command's input. */
const FIELD_ERRORS: ReadonlySet<AppErrorCode> = new Set(['INVALID_CONNECTION', 'INVALID_MESSAGE']);

/**
 * Opens a session, runs the command, closes it; every expected failure ends as a message. A
 * flag whose value the product refuses is named, one line per problem, as a usage error.
 */
export async function withAdminSession(
  io: CliIo,
  open: AdminOpener,
  run: (session: AdminSession) => Promise<void>,
  flagOf: FlagNamer = flagNamer(),
): Promise<void> {
  let session: AdminSession | undefined;
  try {
    session = await open();
    await run(session);
  } catch (error) {
    const flags = flagProblems(error, flagOf);
    if (flags !== undefined) {
      flags.forEach((line) => io.stderr(`sflow: ${line}\n`));
      io.exitCode = EXIT_CODES.usage;
    } else if (error instanceof CliFailure) {
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

/** `--flag: what is wrong` for each refused input field, or undefined for other failures. */
function flagProblems(error: unknown, flagOf: FlagNamer): string[] | undefined {
  if (error instanceof ZodError) {
    return error.issues.map((issue) => `${flagOf(issue.path.join('.'))}: ${issue.message}`);
  }
  if (error instanceof AppError && FIELD_ERRORS.has(error.code) && error.problems.length > 0) {
    return error.problems.map((problem) => {
      const field = problem.pointer.slice(1).replaceAll('/', '.');

      return `${flagOf(field)}: ${problem.message}`;
    });
  }

  return undefined;
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
