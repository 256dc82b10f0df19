import type { Command } from 'commander';
import { validateFlowJsonText } from '@sanjay-flow/flow-json';
import { GraphError, importFlowJson } from '@sanjay-flow/graph';

import { EXIT_CODES, formatProblemLine, readTextFile, writeTextFile } from './io';
import type { CliIo } from './io';

/** `sflow import FILE -o GRAPH`: turns Flow JSON into a graph document for the editor. */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('turn a Flow JSON file into a graph document')
    .argument('<file>', 'Flow JSON file')
    .requiredOption('-o, --output <graph>', 'graph document to write')
    .action(async (file: string, options: { output: string }) => {
      await importFile(io, file, options.output);
    });
}

async function importFile(io: CliIo, file: string, output: string): Promise<void> {
  const read = await readTextFile(file);
  if (!read.ok) {
    io.stderr(`sflow: ${read.message}\n`);
    io.exitCode = EXIT_CODES.usage;

    return;
  }
  const { document, problems } = validateFlowJsonText(read.text);
  if (document === undefined) {
    problems.forEach((problem) => io.stderr(formatProblemLine(file, problem)));
    io.exitCode = EXIT_CODES.invalid;

    return;
  }
  let graph;
  try {
    graph = await importFlowJson(document);
  } catch (error) {
    if (!(error instanceof GraphError)) {
      throw error;
    }
    io.stderr(`sflow: ${file}: ${error.message}\n`);
    io.exitCode = EXIT_CODES.invalid;

    return;
  }
  if (await writeTextFile(io, output, `${JSON.stringify(graph, null, 2)}\n`)) {
    // The editor shows what still needs fixing; the import itself keeps the Flow as it is.
    problems.forEach((problem) => io.stderr(formatProblemLine(file, problem)));
    const screens = graph.nodes.length === 1 ? '1 screen' : `${graph.nodes.length} screens`;
    io.stdout(`Imported ${screens} from ${file} into ${output}.\n`);
  }
}
