import { randomBytes } from 'node:crypto';

import { type Command, Option } from 'commander';

import type { ConnectionView } from '../connections/connection-view';
import type { KeyPairView } from '../connections/key-pairs';
import {
  flagNamer,
  type OutputFormat,
  printJson,
  printTable,
  readSecret,
  withAdminSession,
} from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import type { CliIo } from './io';

interface CreateOptions {
  name: string;
  wabaId: string;
  phoneNumberId: string;
  appId: string;
  appSecretFile?: string;
  appSecretEnv?: string;
  accessTokenFile?: string;
  accessTokenEnv?: string;
  verifyTokenFile?: string;
  verifyTokenEnv?: string;
  graphApiUrl?: string;
  format: OutputFormat;
}

const SECRETS_HELP = `
Secrets (app secret, access token, webhook verify token) are read from a file or an
environment variable, never from a flag: a flag's value stays in shell history and is visible
to every user in the process list. Without a verify token, one is generated and printed once.`;

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
}

/** `sflow connection create|list|show|delete`: WhatsApp connections of the default workspace. */
export function registerConnectionCommand(program: Command, io: CliIo, open: AdminOpener): void {
  const connection = program
    .command('connection')
    .description('manage WhatsApp connections (WABA, phone number, Meta app)');

  connection
    .command('create')
    .description('add a connection')
    .requiredOption('--name <name>', 'a name unique in the workspace')
    .requiredOption('--waba-id <id>', 'WhatsApp Business Account id')
    .requiredOption('--phone-number-id <id>', 'phone number id')
    .requiredOption('--app-id <id>', 'Meta app id')
    .option('--app-secret-file <file>', 'file holding the app secret')
    .option('--app-secret-env <variable>', 'environment variable holding the app secret')
    .option('--access-token-file <file>', 'file holding the access token')
    .option('--access-token-env <variable>', 'environment variable holding the access token')
    .option('--verify-token-file <file>', 'file holding the webhook verify token')
    .option('--verify-token-env <variable>', 'environment variable holding the verify token')
    .option(
      '--graph-api-url <url>',
      'Graph API base URL (default https://graph.facebook.com/v23.0)',
    )
    .addOption(formatOption())
    .addHelpText('after', SECRETS_HELP)
    .action((options: CreateOptions) =>
      withAdminSession(
        io,
        open,
        (session) => createConnection(io, session, options),
        flagNamer({
          appSecret: '--app-secret-file',
          accessToken: '--access-token-file',
          webhookVerifyToken: '--verify-token-file',
        }),
      ),
    );

  connection
    .command('list')
    .description('list connections')
    .addOption(formatOption())
    .action((options: { format: OutputFormat }) =>
      withAdminSession(io, open, async (session) => {
        const connections = await session.connections.list(session.workspaceId);
        if (options.format === 'json') {
          printJson(io, connections);
        } else if (connections.length === 0) {
          io.stdout('No connections yet: add one with sflow connection create.\n');
        } else {
          connections.forEach((found) =>
            io.stdout(`${found.name}\tWABA ${found.wabaId}\tphone number ${found.phoneNumberId}\n`),
          );
        }
      }),
    );

  connection
    .command('show')
    .description('show a connection (secrets are never printed)')
    .argument('<name>', 'connection name')
    .addOption(formatOption())
    .action((name: string, options: { format: OutputFormat }) =>
      withAdminSession(io, open, async (session) => {
        const record = await session.connections.findByName(session.workspaceId, name);
        const view = await session.connections.get(session.workspaceId, record.id);
        const keyPairs = await session.keyPairs.list(record);
        printConnection(io, view, keyPairs, options.format);
      }),
    );

  connection
    .command('delete')
    .description('delete a connection and its key pairs')
    .argument('<name>', 'connection name')
    .action((name: string) =>
      withAdminSession(io, open, async (session) => {
        const record = await session.connections.findByName(session.workspaceId, name);
        await session.connections.remove(session.workspaceId, record.id);
        io.stdout(`Deleted connection "${record.name}".\n`);
      }),
    );
}

async function createConnection(
  io: CliIo,
  session: AdminSession,
  options: CreateOptions,
): Promise<void> {
  const appSecret = await readSecret(
    'app secret',
    { file: options.appSecretFile, env: options.appSecretEnv },
    true,
  );
  const accessToken = await readSecret(
    'access token',
    { file: options.accessTokenFile, env: options.accessTokenEnv },
    true,
  );
  const givenVerifyToken = await readSecret(
    'verify token',
    { file: options.verifyTokenFile, env: options.verifyTokenEnv },
    false,
  );
  const webhookVerifyToken = givenVerifyToken ?? randomBytes(24).toString('base64url');
  const view = await session.connections.create(session.workspaceId, {
    name: options.name,
    wabaId: options.wabaId,
    phoneNumberId: options.phoneNumberId,
    appId: options.appId,
    appSecret: appSecret ?? '',
    accessToken: accessToken ?? '',
    webhookVerifyToken,
    graphApiUrl: options.graphApiUrl,
  });
  const generated = givenVerifyToken === undefined ? webhookVerifyToken : undefined;
  if (options.format === 'json') {
    printJson(io, generated ? { ...view, generatedWebhookVerifyToken: generated } : view);

    return;
  }
  io.stdout(`Created connection "${view.name}" (${view.id}).\n`);
  if (generated) {
    io.stdout(
      `Webhook verify token (enter it in your Meta app's webhook settings; it is not shown again):\n${generated}\n`,
    );
  }
}

function printConnection(
  io: CliIo,
  view: ConnectionView,
  keyPairs: KeyPairView[],
  format: OutputFormat,
): void {
  const publicKeys = keyPairs.map(({ publicKeyPem: _pem, ...keyPair }) => keyPair);
  if (format === 'json') {
    printJson(io, { ...view, keyPairs: publicKeys });

    return;
  }
  const active = keyPairs.find((keyPair) => keyPair.status === 'active');
  printTable(io, [
    ['name', view.name],
    ['id', view.id],
    ['WABA id', view.wabaId],
    ['phone number id', view.phoneNumberId],
    ['app id', view.appId],
    ['Graph API URL', view.graphApiUrl],
    ['app secret', view.appSecretSet ? 'set' : 'not set'],
    ['access token', view.accessTokenHint ?? (view.secretsReadable ? 'set' : 'unreadable')],
    ['verify token', view.webhookVerifyTokenSet ? 'set' : 'not set'],
    ['key pair', active ? describeKeyPair(active) : 'none (sflow keys generate)'],
  ]);
  if (!view.secretsReadable) {
    io.stderr(
      'sflow: warning: the secrets of this connection cannot be opened with the current master key\n',
    );
  }
}

/** `active, uploaded, signature VALID` */
export function keyPairState(keyPair: KeyPairView): string {
  const upload = keyPair.uploadedAt
    ? `uploaded, signature ${keyPair.signatureStatus ?? 'unknown'}`
    : 'not uploaded';

  return `${keyPair.status}, ${upload}`;
}

function describeKeyPair(keyPair: KeyPairView): string {
  return `${keyPair.fingerprint} (${keyPairState(keyPair)})`;
}
