import { stat } from 'node:fs/promises';
import path from 'node:path';

import { createFlowRepository } from '@sanjay-flow/db';
import { FLOW_CATEGORIES } from '@sanjay-flow/whatsapp';
import { Option, type Command } from 'commander';

import { publishHistory } from '../publishing/history';
import { syncFlowFromFile } from '../publishing/flow-source';
import { publishFlow, type PublishOutcome } from '../publishing/publish-flow';
import { type OutputFormat, printJson, usage, withAdminSession } from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import { formatOption } from './connection-command';
import { EXIT_CODES, readTextFile, type CliIo } from './io';
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

/** `sflow publish FILE_OR_FLOW --connection NAME`: publishing from CI. */
export function registerPublishCommand(program: Command, io: CliIo, open: AdminOpener): void {
  program
    .command('publish')
    .description(
      'publish a Flow to Meta on one or more connections (a file is kept as a Flow first)',
    )
    .argument('<file-or-flow>', 'a Flow JSON file or graph document, or a Flow by id or name')
    .requiredOption('--connection <name...>', 'the connection(s) to publish on')
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
    .action((target: string, options: PublishOptions) =>
      withAdminSession(io, open, (session) => publish(io, session, target, options)),
    );
}

async function publish(io: CliIo, session: AdminSession, target: string, options: PublishOptions) {
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
      printOutcome(io, outcome, stepsOf(outcome.runId));
    }
  }
  const failed = outcomes.some((o) => o.status === 'refused' || o.status === 'failed');
  io.exitCode = failed ? EXIT_CODES.invalid : EXIT_CODES.ok;
}

function printOutcome(
  io: CliIo,
  outcome: PublishOutcome,
  steps: { name: string; status: string; detail: string | null }[],
): void {
  const upload = outcome.uploaded ? 'uploaded' : 'nothing uploaded';
  io.stdout(`${outcome.connectionName}: ${outcome.status} — ${outcome.message} (${upload})\n`);
  for (const step of steps) {
    io.stdout(`  ${STEP_MARKS[step.status] ?? step.status} ${step.name}: ${step.detail ?? ''}\n`);
  }
  for (const problem of outcome.problems) {
    const where = problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`;
    const node =
      problem.nodeId === undefined
        ? ''
        : ` [screen ${problem.nodeId} ${problem.componentPointer ?? ''}]`;
    io.stdout(`  ${problem.source}${where} ${problem.pointer} ${problem.message}${node}\n`);
  }
}

/** A file is kept as the product's Flow of its name; anything else names a Flow. */
async function flowOf(session: AdminSession, target: string, options: PublishOptions) {
  if (await isFile(target)) {
    const read = await readTextFile(target);
    if (!read.ok) {
      throw usage(read.message);
    }
    const synced = await syncFlowFromFile(session.prisma, session.workspaceId, {
      fileName: path.basename(target),
      text: read.text,
      name: options.name,
    });

    return synced.flowId;
  }
  const flows = await createFlowRepository(session.prisma).list(session.workspaceId);
  const matches = flows.filter((flow) => flow.id === target || flow.name === target);
  const [only] = matches;
  if (only === undefined || matches.length > 1) {
    throw usage(
      matches.length > 1
        ? `${matches.length} Flows are named "${target}": give the Flow's id`
        : `no file, and no Flow with the id or name "${target}"`,
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
