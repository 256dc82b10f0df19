import type { Command } from 'commander';

import { importMetaFlows, listMetaFlows } from '../publishing/pull';
import { type OutputFormat, printJson, withAdminSession } from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import { formatOption } from './connection-command';
import { EXIT_CODES, type CliIo } from './io';

interface PullOptions {
  connection: string;
  import?: boolean;
  format: OutputFormat;
}

/** `sflow flows pull --connection NAME [--import]`: the Flows at Meta, and bringing them in. */
export function registerPullCommand(program: Command, io: CliIo, open: AdminOpener): void {
  const flows =
    program.commands.find((command) => command.name() === 'flows') ??
    program.command('flows').description('Flows at Meta');
  flows
    .command('pull')
    .description(
      "list the Flows on a connection's WhatsApp Business Account; --import brings them in",
    )
    .requiredOption('--connection <name>', 'the connection')
    .option('--import', 'import every Flow not yet in the product (JSON and status)')
    .addOption(formatOption())
    .action((options: PullOptions) =>
      withAdminSession(io, open, (session) => pull(io, session, options)),
    );
}

async function pull(io: CliIo, session: AdminSession, options: PullOptions) {
  const deps = { prisma: session.prisma, connections: session.connections };
  const { workspaceId } = session;
  const connection = await session.connections.findByName(workspaceId, options.connection);
  const listed = await listMetaFlows(deps, workspaceId, connection.id);
  const toImport = listed.filter((flow) => flow.flowId === null).map((flow) => flow.metaFlowId);
  const imported =
    options.import === true && toImport.length > 0
      ? await importMetaFlows(deps, workspaceId, {
          connectionId: connection.id,
          metaFlowIds: toImport,
        })
      : [];
  if (options.format === 'json') {
    printJson(io, { flows: listed, imported });
  } else {
    for (const flow of listed) {
      const where = flow.flowId === null ? 'not in the product' : `Flow ${flow.flowId}`;
      io.stdout(`${flow.metaFlowId}  ${flow.status.padEnd(10)} ${flow.name} (${where})\n`);
    }
    for (const result of imported) {
      const what =
        result.outcome === 'failed'
          ? `failed: ${result.reason}`
          : `${result.outcome} as Flow ${result.flowId}`;
      io.stdout(`${result.metaFlowId}: ${what}\n`);
    }
  }
  io.exitCode = imported.some((r) => r.outcome === 'failed') ? EXIT_CODES.invalid : EXIT_CODES.ok;
}
