import { readFile } from 'node:fs/promises';

import { createFlowRepository, createOutboundMessageRepository } from '@sanjay-flow/db';
import type { Command } from 'commander';

import { linkMetaFlow } from '../messaging/link-meta';
import { createOutbox } from '../messaging/queue-message';
import { sendFlow } from '../messaging/send-flow';
import { flagNamer, type OutputFormat, printJson, usage, withAdminSession } from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import { formatOption } from './connection-command';
import type { CliIo } from './io';

interface SendOptions {
  connection: string;
  to: string;
  cta: string;
  body?: string;
  header?: string;
  footer?: string;
  screen?: string;
  dataFile?: string;
  draft?: boolean;
  key?: string;
  format: OutputFormat;
}

const PARAMETERS = 'interactive.action.parameters';

/** The flag each field of the message, or of the send, comes from. */
const SEND_FLAGS = flagNamer({
  data: '--data-file',
  idempotencyKey: '--key',
  mode: '--draft',
  [`${PARAMETERS}.flow_cta`]: '--cta',
  [`${PARAMETERS}.flow_action_payload.screen`]: '--screen',
  [`${PARAMETERS}.flow_action_payload.data`]: '--data-file',
  'interactive.body.text': '--body',
  'interactive.header.text': '--header',
  'interactive.footer.text': '--footer',
});

interface LinkOptions {
  connection: string;
  metaFlowId?: string;
  metaFlowName?: string;
}

/** `sflow flows send|link-meta`: send a Flow to a customer from a script. */
export function registerFlowsCommand(program: Command, io: CliIo, open: AdminOpener): void {
  const flows = program.command('flows').description('send Flows and link them to Meta');

  flows
    .command('send')
    .description('queue a Flow message to a customer; a running server sends it')
    .argument('<flow>', 'the Flow, by id or by name')
    .requiredOption('--connection <name>', 'the connection (phone number) to send from')
    .requiredOption('--to <wa-id>', "the customer's phone number or business-scoped user id")
    .option('--cta <text>', 'the button text (at most 20 characters, no emoji)', 'Open')
    .option('--body <text>', "the message text (default: the Flow's name)")
    .option('--header <text>', 'a header line')
    .option('--footer <text>', 'a footer line')
    .option('--screen <id>', 'the screen to open on (default: the first)')
    .option('--data-file <file>', "a JSON file with the entry screen's data")
    .option('--draft', "send the Flow's draft (for testing)")
    .option('--key <key>', 'idempotency key: the same key never sends twice')
    .addOption(formatOption())
    .action((flow: string, options: SendOptions) =>
      withAdminSession(io, open, (session) => send(io, session, flow, options), SEND_FLAGS),
    );

  flows
    .command('link-meta')
    .description('record the Meta Flow a Flow is on a connection, for a Flow published elsewhere')
    .argument('<flow>', 'the Flow, by id or by name')
    .requiredOption('--connection <name>', 'the connection')
    .option('--meta-flow-id <id>', "Meta's Flow id")
    .option('--meta-flow-name <name>', "the Flow's name at Meta")
    .action((flow: string, options: LinkOptions) =>
      withAdminSession(io, open, async (session) => {
        if ((options.metaFlowId === undefined) === (options.metaFlowName === undefined)) {
          throw usage('give exactly one of --meta-flow-id and --meta-flow-name');
        }
        const dependencies = {
          prisma: session.prisma,
          connections: session.connections,
          ...(session.graphApi === undefined ? {} : { graphApi: session.graphApi }),
        };
        const { publication: link, statusProblem } = await linkMetaFlow(
          dependencies,
          session.workspaceId,
          {
            flowId: await flowIdOf(session, flow),
            connectionId: (
              await session.connections.findByName(session.workspaceId, options.connection)
            ).id,
            ...(options.metaFlowId === undefined ? {} : { metaFlowId: options.metaFlowId }),
            ...(options.metaFlowName === undefined ? {} : { metaFlowName: options.metaFlowName }),
          },
        );
        io.stdout(`Linked to Meta Flow ${link.metaFlowId ?? link.metaFlowName ?? ''}.\n`);
        if (statusProblem !== null) {
          io.stderr(`sflow: status unknown until Meta reports one. ${statusProblem}\n`);
        }
      }),
    );
}

async function send(io: CliIo, session: AdminSession, flow: string, options: SendOptions) {
  const { prisma, workspaceId } = session;
  const flowId = await flowIdOf(session, flow);
  const connection = await session.connections.findByName(workspaceId, options.connection);
  const name = (await createFlowRepository(prisma).get(workspaceId, flowId))?.name ?? flow;
  const sent = await sendFlow(
    { prisma, outbox: createOutbox(createOutboundMessageRepository(prisma)) },
    workspaceId,
    {
      flowId,
      connectionId: connection.id,
      to: options.to,
      cta: options.cta,
      body: options.body ?? name,
      ...optional({ header: options.header, footer: options.footer, screen: options.screen }),
      ...(options.dataFile === undefined ? {} : { data: await readData(options.dataFile) }),
      ...(options.draft ? { mode: 'draft' as const } : {}),
      ...(options.key === undefined ? {} : { idempotencyKey: options.key }),
    },
  );
  if (options.format === 'json') {
    printJson(io, sent);
  } else {
    const what = sent.created ? 'Queued' : 'Already queued with this key:';
    io.stdout(`${what} message ${sent.messageId} (${sent.status}).\n`);
  }
}

/** A Flow by id, or by a name no other Flow of the workspace has. */
async function flowIdOf(session: AdminSession, flow: string): Promise<string> {
  const flows = await createFlowRepository(session.prisma).list(session.workspaceId);
  const byId = flows.find((candidate) => candidate.id === flow);
  const byName = flows.filter((candidate) => candidate.name === flow);
  if (byId !== undefined) {
    return byId.id;
  }
  const [only] = byName;
  if (only === undefined || byName.length > 1) {
    throw usage(
      byName.length > 1
        ? `${byName.length} Flows are named "${flow}": give the Flow's id`
        : `no Flow has the id or name "${flow}"`,
    );
  }

  return only.id;
}

async function readData(file: string): Promise<Record<string, never>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw usage(`--data-file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usage(`--data-file ${file}: the file must hold a JSON object`);
  }

  return parsed as Record<string, never>;
}

function optional<T extends Record<string, string | undefined>>(values: T) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: string;
  };
}
