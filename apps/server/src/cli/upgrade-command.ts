import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  FLOW_JSON_VERSIONS,
  LATEST_FLOW_JSON_VERSION,
  isFlowJsonVersion,
  parseJsonText,
  upgradeFlowJson,
} from '@sanjay-flow/flow-json';
import type { FlowJsonVersion, TextPosition, UpgradeNote } from '@sanjay-flow/flow-json';

import { EXIT_CODES, positionIn, readJsonFile, writeTextFile } from './io';
import type { CliIo } from './io';

/**
 * `sflow upgrade FILE [--to VERSION] [-o OUT]`: rewrites a Flow for a newer Flow JSON version
 * (in place unless `-o` names another file), prints what changed and what is left to do. A
 * Flow already at the version is left untouched. Exit 0 when the result is valid and nothing is left, 1 when manual changes remain, 2 on usage
 * or I/O errors.
 */
export function registerUpgradeCommand(program: Command, io: CliIo): void {
  program
    .command('upgrade')
    .description('rewrite a Flow JSON file for a newer Flow JSON version')
    .argument('<file>', 'Flow JSON file')
    .option(
      '--to <version>',
      `target version (${FLOW_JSON_VERSIONS.join(', ')})`,
      parseVersion,
      LATEST_FLOW_JSON_VERSION,
    )
    .option('-o, --output <file>', 'write the upgraded Flow here instead of over FILE')
    .action(async (file: string, options: { to: FlowJsonVersion; output?: string }) => {
      await upgradeFile(io, file, options.to, options.output ?? file);
    });
}

function parseVersion(value: string): FlowJsonVersion {
  if (!isFlowJsonVersion(value)) {
    throw new InvalidArgumentError(`use one of ${FLOW_JSON_VERSIONS.join(', ')}.`);
  }

  return value;
}

async function upgradeFile(
  io: CliIo,
  file: string,
  to: FlowJsonVersion,
  output: string,
): Promise<void> {
  const flow = await readJsonFile(io, file, EXIT_CODES.usage);
  if (!flow) {
    return;
  }
  const result = upgradeFlowJson(flow.value, to);
  if (!result.ok) {
    io.stderr(`sflow: ${file}: ${result.message}.\n`);
    io.exitCode = EXIT_CODES.usage;

    return;
  }
  if (result.changes.length === 0) {
    // Nothing to rewrite: the file keeps its own formatting, and its problems their places.
    printManual(io, file, flow.positionOf, result.manual);
    io.stdout(
      `${file} is already Flow JSON ${to}: nothing to upgrade, ${leftToDo(result.manual)}.\n`,
    );
    io.exitCode = result.manual.length === 0 ? EXIT_CODES.ok : EXIT_CODES.invalid;

    return;
  }
  const text = `${JSON.stringify(result.flow, null, 2)}\n`;
  if (!(await writeTextFile(io, output, text))) {
    return;
  }
  const written = parseJsonText(text);
  for (const change of result.changes) {
    io.stdout(`changed ${change.pointer}: ${change.message}\n`);
  }
  printManual(
    io,
    output,
    (pointer) => positionIn(written.ok ? written.positionOf : () => undefined, pointer),
    result.manual,
  );
  io.stdout(
    `Upgraded ${file} from ${result.from} to ${result.to} into ${output}: ${leftToDo(result.manual)}.\n`,
  );
  io.exitCode = result.manual.length === 0 ? EXIT_CODES.ok : EXIT_CODES.invalid;
}

/** `file:line:column pointer to do: …`, placed as `sflow validate` places problems. */
function printManual(
  io: CliIo,
  file: string,
  positionOf: (pointer: string) => TextPosition,
  manual: readonly UpgradeNote[],
): void {
  for (const note of manual) {
    const { line, column } = positionOf(note.pointer);
    const pointer = note.pointer === '' ? '(root)' : note.pointer;
    io.stdout(`${file}:${line}:${column} ${pointer} to do: ${note.message}\n`);
  }
}

function leftToDo(manual: readonly UpgradeNote[]): string {
  const left = manual.length;

  return left === 0
    ? 'valid, nothing left to do'
    : `${left} change${left === 1 ? '' : 's'} left to make by hand`;
}
