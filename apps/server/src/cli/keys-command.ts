import { readFile } from 'node:fs/promises';

import type { Command } from 'commander';

import type { KeyPairView } from '../connections/key-pairs';
import { uploadPublicKey } from '../connections/upload-public-key';
import { type OutputFormat, printJson, readSecret, usage, withAdminSession } from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import { formatOption, keyPairState } from './connection-command';
import { EXIT_CODES } from './io';
import type { CliIo } from './io';
import { registerRotateMasterCommand } from './rotate-master-command';

interface ConnectionOption {
  connection: string;
}

/** `sflow keys generate|import|upload|rotate|show`: the key pair of a connection's data endpoint. */
export function registerKeysCommand(program: Command, io: CliIo, open: AdminOpener): void {
  const keys = program
    .command('keys')
    .description("manage the key pair Meta uses to encrypt a connection's data-endpoint calls");
  const withConnection = (
    run: (
      session: AdminSession,
      connection: Awaited<ReturnType<typeof findConnection>>,
    ) => Promise<void>,
  ) => {
    return (options: ConnectionOption) =>
      withAdminSession(io, open, async (session) =>
        run(session, await findConnection(session, options.connection)),
      );
  };

  keys
    .command('generate')
    .description('generate the first RSA-2048 key pair of a connection')
    .requiredOption('--connection <name>', 'connection name')
    .action(
      withConnection(async (session, connection) => {
        const keyPair = await session.keyPairs.generate(connection);
        io.stdout(
          `Generated key pair ${keyPair.fingerprint}. Next: sflow keys upload --connection ${connection.name}\n`,
        );
      }),
    );

  keys
    .command('import')
    .description(
      'make an existing private key (PKCS#1 or PKCS#8 PEM, optionally encrypted) the active key',
    )
    .requiredOption('--connection <name>', 'connection name')
    .requiredOption('--file <file>', 'private key PEM file')
    .option('--passphrase-env <variable>', 'environment variable holding the passphrase')
    .option('--passphrase-file <file>', 'file holding the passphrase')
    .addHelpText(
      'after',
      '\nThe passphrase is never a flag: it would stay in shell history and the process list.',
    )
    .action(
      (
        options: ConnectionOption & {
          file: string;
          passphraseEnv?: string;
          passphraseFile?: string;
        },
      ) =>
        withAdminSession(io, open, async (session) => {
          const pem = await readFile(options.file, 'utf8').catch(() => {
            throw usage(`cannot read the private key file ${options.file}`);
          });
          const passphrase = await readSecret(
            'passphrase',
            { file: options.passphraseFile, env: options.passphraseEnv },
            false,
          );
          const connection = await findConnection(session, options.connection);
          const keyPair = await session.keyPairs.import(connection, pem, passphrase);
          io.stdout(`Imported key pair ${keyPair.fingerprint} as the active key.\n`);
        }),
    );

  keys
    .command('upload')
    .description("upload the active public key to Meta for the connection's phone number")
    .requiredOption('--connection <name>', 'connection name')
    .action(
      withConnection(async (session, connection) => {
        const result = await uploadPublicKey(session, connection);
        io.stdout(
          `Uploaded public key ${result.keyPair.fingerprint} for phone number ${connection.phoneNumberId}.\n` +
            `Signature status: ${result.signatureStatus ?? 'no key on record'}\n`,
        );
        if (!result.publicKeyMatches || result.signatureStatus !== 'VALID') {
          io.stderr(
            'sflow: Meta does not report a valid signature for this key; upload it again\n',
          );
          io.exitCode = EXIT_CODES.invalid;
        }
      }),
    );

  keys
    .command('rotate')
    .description(
      'generate a new active key; the previous one keeps decrypting for the grace period',
    )
    .requiredOption('--connection <name>', 'connection name')
    .action(
      withConnection(async (session, connection) => {
        const keyPair = await session.keyPairs.rotate(connection);
        const retiring = (await session.keyPairs.list(connection)).find(
          (candidate) => candidate.status === 'retiring' && candidate.id !== keyPair.id,
        );
        io.stdout(`New active key pair ${keyPair.fingerprint}.\n`);
        if (retiring?.retiresAt) {
          io.stdout(
            `Previous key ${retiring.fingerprint} keeps decrypting until ${retiring.retiresAt.toISOString()}.\n`,
          );
        }
        io.stdout(`Next: sflow keys upload --connection ${connection.name}\n`);
      }),
    );

  registerRotateMasterCommand(keys, io);

  keys
    .command('show')
    .description('print the active public key (PEM) and its fingerprint')
    .requiredOption('--connection <name>', 'connection name')
    .addOption(formatOption())
    .action((options: ConnectionOption & { format: OutputFormat }) =>
      withAdminSession(io, open, async (session) => {
        const connection = await findConnection(session, options.connection);
        printKeyPair(io, await session.keyPairs.active(connection), options.format);
      }),
    );
}

function findConnection(session: AdminSession, name: string) {
  return session.connections.findByName(session.workspaceId, name);
}

function printKeyPair(io: CliIo, keyPair: KeyPairView, format: OutputFormat): void {
  if (format === 'json') {
    printJson(io, keyPair);

    return;
  }
  io.stdout(
    keyPair.publicKeyPem.endsWith('\n') ? keyPair.publicKeyPem : `${keyPair.publicKeyPem}\n`,
  );
  io.stdout(`fingerprint (SHA-256 of the SPKI DER): ${keyPair.fingerprint}\n`);
  io.stdout(`status: ${keyPairState(keyPair)}\n`);
}
