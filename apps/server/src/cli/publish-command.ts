import { stat } from 'node:fs/promises';
import path from 'node:path';

import { createFlowRepository } from '@sanjay-flow/db';
import { isJsonObject } from '@sanjay-flow/flow-json';
import { FLOW_CATEGORIES } from '@sanjay-flow/whatsapp';
import { Option, type Command } from 'commander';

import { publishHistory } from '../publishing/history';
import type { NodeProblem } from '../publishing/node-problems';
import { syncFlowFromFile } from '../publishing/flow-source';
import { publishFlow, type PublishOutcome } from '../publishing/publish-flow';
import { flagNamer, type OutputFormat, printJson, usage, withAdminSession } from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import { formatOption } from './connection-command';
import { EXIT_CODES, type JsonFile, readJsonFile, type CliIo } from './io';
import { workspaceOption } from './workspace-option';

interface PublishOptions {
  connection: string[];
  category?: string[];
  endpoint?: boolean;
  endpointUri?: string;
  name?: string;
  dryRun?: boolean;
  format: OutputFormat;
}

const STEP_MARKS: Record<string, string> = {
  done: 'ok  ',
  skipped: 'skip',
  failed: 'FAIL',
  pending: '    ',
  running: '... ',
};

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** `sflow publish FILE_OR_FLOW --connection NAME`: publishing from CI. */
export function registerPublishCommand(program: Command, io: CliIo, open: AdminOpener): void {
  program
    .command('publish')
    .description(
      'publish a Flow to Meta on one or more connections (a file is kept as a Flow first)',
    )
    .argument('<file-or-flow>', 'a Flow JSON file or graph document, or a Flow by id or name')
    // Repeated rather than variadic, so that `--connection main flow.json` leaves the file alone.
    .addOption(
      new Option('--connection <name>', 'a connection to publish on (repeat it for several)')
        .argParser(collect)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--category <category...>',
        "Meta's categories (default: the last ones, or OTHER)",
      ).choices(FLOW_CATEGORIES),
    )
    .option('--endpoint', 'turn the data endpoint on (on by default when the Flow calls it)')
    .option('--no-endpoint', 'publish without the data endpoint')
    .option('--endpoint-uri <url>', 'where Meta calls the data endpoint')
    .option('--name <name>', "the Flow's name in the product, for a file (default: the file's)")
    .option('--dry-run', 'check and say what would be done, changing nothing at Meta')
    .addOption(formatOption())
    .addOption(workspaceOption())
    .action(async (given: string, options: PublishOptions) => {
      const target = await targetOf(io, given);
      if (target !== undefined) {
        await withAdminSession(
          io,
          open,
          (session) => publish(io, session, target, options),
          flagNamer({ connectionIds: '--connection', categories: '--category' }),
        );
      }
    });
}

/** A Flow JSON file or graph document, read whole before anything else; or a Flow's id or name. */
type Target = { flow: string } | { file: string; json: JsonFile };

/** The target, or undefined when its file could not be read or is not JSON (said, exit 2). */
async function targetOf(io: CliIo, given: string): Promise<Target | undefined> {
  if (!(await isFile(given))) {
    return { flow: given };
  }
  const json = await readJsonFile(io, given, EXIT_CODES.usage);

  return json === undefined ? undefined : { file: given, json };
}

async function publish(io: CliIo, session: AdminSession, target: Target, options: PublishOptions) {
  const { prisma, workspaceId } = session;
  const flowId = await flowOf(session, target, options);
  const connectionIds = [];
  for (const name of options.connection) {
    connectionIds.push((await session.connections.findByName(workspaceId, name)).id);
  }
  const outcomes = await publishFlow({ prisma, connections: session.connections }, workspaceId, {
    flowId,
    connectionIds,
    ...(options.category === undefined ? {} : { categories: options.category as never }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.endpointUri === undefined ? {} : { endpointUri: options.endpointUri }),
    dryRun: options.dryRun === true,
  });
  const history = await publishHistory(prisma, workspaceId, flowId, outcomes.length);
  const stepsOf = (runId: string) => history.find((run) => run.id === runId)?.steps ?? [];
  if (options.format === 'json') {
    printJson(io, {
      flowId,
      results: outcomes.map((outcome) => ({
        ...outcome,
        steps: stepsOf(outcome.runId).map(({ name, status, detail, attempts }) => ({
          name,
          status,
          detail,
          attempts,
        })),
      })),
    });
  } else {
    for (const outcome of outcomes) {
      printOutcome(io, outcome, stepsOf(outcome.runId), placeOf(target));
    }
  }
  const failed = outcomes.some((o) => o.status === 'refused' || o.status === 'failed');
  io.exitCode = failed ? EXIT_CODES.invalid : EXIT_CODES.ok;
}

function printOutcome(
  io: CliIo,
  outcome: PublishOutcome,
  steps: { name: string; status: string; detail: string | null }[],
  place: (problem: NodeProblem) => string,
): void {
  const upload = outcome.uploaded ? 'uploaded' : 'nothing uploaded';
  io.stdout(`${outcome.connectionName}: ${outcome.status} — ${outcome.message} (${upload})\n`);
  for (const step of steps) {
    io.stdout(`  ${STEP_MARKS[step.status] ?? step.status} ${step.name}: ${step.detail ?? ''}\n`);
  }
  for (const problem of outcome.problems) {
    const node =
      problem.nodeId === undefined
        ? ''
        : ` [screen ${problem.nodeId} ${problem.componentPointer ?? ''}]`;
    io.stdout(`  ${place(problem)} ${problem.pointer} ${problem.message}${node}\n`);
  }
}

/**
 * Where a problem is: in a Flow JSON file, at the place `sflow validate` gives it (Meta's
 * marked as Meta's); otherwise `local` or `meta` with its place in the compiled Flow JSON.
 */
function placeOf(target: Target): (problem: NodeProblem) => string {
  if (
    'file' in target &&
    isJsonObject(target.json.value) &&
    !('schemaVersion' in target.json.value)
  ) {
    const { file, json } = target;

    return (problem) => {
      const { line, column } = json.positionOf(problem.pointer);

      return `${file}:${line}:${column}${problem.source === 'meta' ? ' (Meta)' : ''}`;
    };
  }

  return (problem) =>
    `${problem.source}${problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`}`;
}

/** A file is kept as the product's Flow of its name; anything else names a Flow. */
async function flowOf(session: AdminSession, target: Target, options: PublishOptions) {
  if ('file' in target) {
    const synced = await syncFlowFromFile(session.prisma, session.workspaceId, {
      fileName: path.basename(target.file),
      text: target.json.text,
      name: options.name,
    });

    return synced.flowId;
  }
  const flows = await createFlowRepository(session.prisma).list(session.workspaceId);
  const name = target.flow;
  const matches = flows.filter((flow) => flow.id === name || flow.name === name);
  const [only] = matches;
  if (only === undefined || matches.length > 1) {
    throw usage(
      matches.length > 1
        ? `${matches.length} Flows are named "${name}": give the Flow's id`
        : `no file, and no Flow with the id or name "${name}"`,
    );
  }

  return only.id;
}

async function isFile(target: string): Promise<boolean> {
  return stat(target).then(
    (found) => found.isFile(),
    () => false,
  );
}
