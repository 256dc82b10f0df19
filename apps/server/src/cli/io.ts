import { open, readFile } from 'node:fs/promises';

import { parseJsonText, pointerAncestors } from '@sanjay-flow/flow-json';
import type { Problem, TextPosition } from '@sanjay-flow/flow-json';

/** Where a command writes and how it ends: tests pass their own, main.ts passes the process's. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  exitCode: number;
  /** All of standard input, for the commands that read a secret from it. */
  readStdin?: () => Promise<string>;
}

/** 0: everything valid; 1: some input is invalid; 2: bad usage, or a file could not be read or written. */
export const EXIT_CODES = { ok: 0, invalid: 1, usage: 2 } as const;

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

export async function readTextFile(file: string): Promise<ReadResult> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (cause) {
    return { ok: false, message: `cannot read ${file}: ${describeIoError(cause)}` };
  }
}

/**
 * Reads and parses a JSON file. A file that cannot be read is reported with the usage/I-O
 * exit code, text that is not JSON with `notJsonExitCode` and its position; both give
 * `undefined`.
 */
export async function readJsonFile(
  io: CliIo,
  file: string,
  notJsonExitCode: number,
): Promise<JsonFile | undefined> {
  const read = await readTextFile(file);
  if (!read.ok) {
    io.stderr(`sflow: ${read.message}\n`);
    io.exitCode = EXIT_CODES.usage;

    return undefined;
  }
  const parsed = parseJsonText(read.text);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    io.stderr(`${file}:${line}:${column} (root) The file is not valid JSON: ${parsed.message}.\n`);
    io.exitCode = notJsonExitCode;

    return undefined;
  }

  return {
    text: read.text,
    value: parsed.value,
    positionOf: (pointer) => positionIn(parsed.positionOf, pointer),
  };
}

export interface JsonFile {
  text: string;
  value: unknown;
  /** Where the value a pointer names is written, or the nearest enclosing one when it is missing. */
  positionOf: (pointer: string) => TextPosition;
}

/** The position `validate` gives a pointer: its value's, else its nearest ancestor's. */
export function positionIn(
  positionOf: (pointer: string) => TextPosition | undefined,
  pointer: string,
): TextPosition {
  return (
    pointerAncestors(pointer)
      .map((ancestor) => positionOf(ancestor))
      .find((found) => found !== undefined) ?? { line: 1, column: 1 }
  );
}

/**
 * Writes the file; on failure reports it and sets the usage/I-O exit code. With `mode`, the
 * file has that mode before any of the text is in it, also when it existed already.
 */
export async function writeTextFile(
  io: CliIo,
  file: string,
  text: string,
  mode?: number,
): Promise<boolean> {
  try {
    const handle = await open(file, 'w', mode);
    try {
      if (mode !== undefined) {
        await handle.chmod(mode);
      }
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }

    return true;
  } catch (cause) {
    io.stderr(`sflow: cannot write ${file}: ${describeIoError(cause)}\n`);
    io.exitCode = EXIT_CODES.usage;

    return false;
  }
}

/** `file:line:column pointer message`, the line editors and CI annotate from. */
export function formatProblemLine(file: string, problem: Problem): string {
  const pointer = problem.pointer === '' ? '(root)' : problem.pointer;
  const severity = problem.severity === 'warning' ? 'warning: ' : '';

  return `${file}:${problem.line ?? 1}:${problem.column ?? 1} ${pointer} ${severity}${problem.message}\n`;
}

function describeIoError(cause: unknown): string {
  if (cause instanceof Error && 'code' in cause) {
    switch (cause.code) {
      case 'ENOENT':
        return 'no such file';
      case 'EISDIR':
        return 'it is a directory';
      case 'EACCES':
        return 'permission denied';
      default:
        return cause.message;
    }
  }

  return String(cause);
}
