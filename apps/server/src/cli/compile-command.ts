import type { Command } from 'commander';
import { validateFlowJsonText } from '@sanjay-flow/flow-json';
import { GraphError, compileGraph, upgradeGraphDocument } from '@sanjay-flow/graph';

import { EXIT_CODES, formatProblemLine, readJsonFile, writeTextFile } from './io';
import type { CliIo } from './io';

/** `sflow compile GRAPH -o FILE`: writes the Flow JSON of a graph document, then checks it. */
export function registerCompileCommand(program: Command, io: CliIo): void {
  program
    .command('compile')
    .description('compile a graph document into Flow JSON')
    .argument('<graph>', 'graph document')
    .requiredOption('-o, --output <file>', 'Flow JSON file to write')
    .action(async (graphFile: string, options: { output: string }) => {
      await compileFile(io, graphFile, options.output);
    });
}

async function compileFile(io: CliIo, graphFile: string, output: string): Promise<void> {
  const graph = await readJsonFile(io, graphFile, EXIT_CODES.invalid);
  if (!graph) {
    return;
  }
  let compiled;
  try {
    compiled = compileGraph(upgradeGraphDocument(graph.value));
  } catch (error) {
    if (!(error instanceof GraphError)) {
      throw error;
    }
    io.stderr(`sflow: ${graphFile}: ${error.message}\n`);
    io.exitCode = EXIT_CODES.invalid;

    return;
  }
  if (!(await writeTextFile(io, output, compiled.text))) {
    return;
  }
  // Positions refer to the written file, so an editor can jump to each problem.
  const problems = validateFlowJsonText(compiled.text).problems;
  problems.forEach((problem) => io.stderr(formatProblemLine(output, problem)));
  io.stdout(`Compiled ${graphFile} into ${output} (sha256 ${compiled.contentHash}).\n`);
  io.exitCode = problems.some((problem) => problem.severity === 'error')
    ? EXIT_CODES.invalid
    : EXIT_CODES.ok;
}
