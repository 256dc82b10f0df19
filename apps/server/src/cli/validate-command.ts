import { Option } from 'commander';
import type { Command } from 'commander';
import { validateFlowJsonText } from '@sanjay-flow/flow-json';
import type { Problem } from '@sanjay-flow/flow-json';

import { EXIT_CODES, formatProblemLine, readTextFile } from './io';
import type { CliIo } from './io';

interface FileReport {
  file: string;
  problems: Problem[];
  /** Set when the file could not be read. */
  readError?: string;
}

/** `sflow validate FILE...`: checks Flow JSON files, in text (one line per problem) or as JSON. */
export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check Flow JSON files and list their problems')
    .argument('<files...>', 'Flow JSON files')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action(async (files: string[], options: { format: 'text' | 'json' }) => {
      const reports = await Promise.all(files.map((file) => validateFile(file)));
      if (options.format === 'json') {
        io.stdout(`${JSON.stringify(reports.map(toJsonReport), null, 2)}\n`);
      } else {
        writeTextReport(io, reports);
      }
      io.exitCode = exitCodeFor(reports);
    });
}

async function validateFile(file: string): Promise<FileReport> {
  const read = await readTextFile(file);
  if (!read.ok) {
    return { file, problems: [], readError: read.message };
  }

  return { file, problems: validateFlowJsonText(read.text).problems };
}

function errorsOf(report: FileReport): Problem[] {
  return report.problems.filter((problem) => problem.severity === 'error');
}

function isValid(report: FileReport): boolean {
  return report.readError === undefined && errorsOf(report).length === 0;
}

function exitCodeFor(reports: readonly FileReport[]): number {
  if (reports.some((report) => report.readError !== undefined)) {
    return EXIT_CODES.usage;
  }

  return reports.every(isValid) ? EXIT_CODES.ok : EXIT_CODES.invalid;
}

function toJsonReport(report: FileReport) {
  const errors =
    report.readError === undefined
      ? errorsOf(report).map(({ pointer, code, message }) => ({ pointer, code, message }))
      : [{ pointer: '', code: 'FILE_NOT_READABLE', message: report.readError }];

  return { file: report.file, valid: isValid(report), errors };
}

function writeTextReport(io: CliIo, reports: readonly FileReport[]): void {
  for (const report of reports) {
    if (report.readError !== undefined) {
      io.stderr(`sflow: ${report.readError}\n`);
    }
    for (const problem of byPosition(report.problems)) {
      io.stdout(formatProblemLine(report.file, problem));
    }
  }
  io.stdout(`${summarize(reports)}\n`);
}

/** Problems in the order they appear in the file, as an editor lists them. */
function byPosition(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (left, right) =>
      (left.line ?? 1) - (right.line ?? 1) || (left.column ?? 1) - (right.column ?? 1),
  );
}

function summarize(reports: readonly FileReport[]): string {
  const valid = reports.filter(isValid).length;
  const errors = reports.reduce((sum, report) => sum + errorsOf(report).length, 0);
  const warnings = reports.reduce((sum, report) => sum + report.problems.length, 0) - errors;
  const unreadable = reports.filter((report) => report.readError !== undefined).length;
  const parts = [`${valid} valid`, `${reports.length - valid - unreadable} invalid`];
  if (unreadable > 0) {
    parts.push(`${unreadable} unreadable`);
  }

  return `${plural(reports.length, 'file')} checked: ${parts.join(', ')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}).`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
