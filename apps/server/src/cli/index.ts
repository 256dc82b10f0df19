import { Command, CommanderError, InvalidArgumentError } from 'commander';

import { registerAccessCommands } from './access-commands';
import type { AdminOpener, WorkspaceSelection } from './admin-session';
import { addWorkspaceOption, workspaceSelecting } from './workspace-option';
import { registerCompileCommand } from './compile-command';
import { registerConnectionCommand } from './connection-command';
import { registerDataCommand } from './data-command';
import { registerFlowsCommand } from './flows-send-command';
import { registerImportCommand } from './import-command';
import { registerPublishCommand } from './publish-command';
import { registerPullCommand } from './pull-command';
import { registerUpgradeCommand } from './upgrade-command';
import { EXIT_CODES } from './io';
import type { CliIo } from './io';
import { registerKeysCommand } from './keys-command';
import { registerValidateCommand } from './validate-command';

export { EXIT_CODES } from './io';
export type { CliIo } from './io';

export interface ServeOptions {
  port?: number;
  host?: string;
}

/** Starts the server; resolves once it listens. Supplied by the server entry, not by the CLI. */
export type ServeHandler = (options: ServeOptions, io: CliIo) => Promise<void>;

export interface ProgramOptions {
  /** When given, the program gets a `serve` command that calls it. */
  serve?: ServeHandler;
  /** Opens the database for the admin commands; by default from the environment, as the server. */
  admin?: AdminOpener;
}

/**
 * The `sflow` program. Everything it prints goes through `io`, and it never exits the process:
 * each command sets `io.exitCode`, so tests run it in-process.
 */
export function createProgram(io: CliIo, options: ProgramOptions = {}): Command {
  const program = new Command('sflow')
    .description('Sanjay Flow: validate, import, compile, upgrade and serve WhatsApp Flows')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // The parser's own refusals (an unknown flag, a missing value) read like the product's.
      outputError: (message, write) => write(message.replace(/^error: /, 'sflow: ')),
    })
    .showHelpAfterError('(run sflow --help for usage)');
  const admin = workspaceSelecting(
    program,
    options.admin ?? ((selection) => openAdminFromEnvironment(io, selection)),
  );
  registerValidateCommand(program, io);
  registerImportCommand(program, io);
  registerCompileCommand(program, io);
  registerUpgradeCommand(program, io);
  registerConnectionCommand(program, io, admin);
  registerKeysCommand(program, io, admin);
  registerFlowsCommand(program, io, admin);
  registerPullCommand(program, io, admin);
  registerPublishCommand(program, io, admin);
  registerAccessCommands(program, io, admin);
  addWorkspaceOption(program, ['connection', 'keys', 'flows']);
  registerDataCommand(program, io, admin);
  if (options.serve) {
    registerServeCommand(program, io, options.serve);
  }

  return program;
}

/** `sflow serve [--port N] [--host H]`: hands over to the server's own start-up. */
export function registerServeCommand(program: Command, io: CliIo, serve: ServeHandler): void {
  program
    .command('serve')
    .description('run the editor, the API and the data endpoint (as npm start does)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)', parsePort)
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .action(async (serveOptions: ServeOptions) => {
      await serve(serveOptions, io);
    });
}

/** Runs `sflow` with arguments (without the node and script paths) and returns the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: ProgramOptions = {},
): Promise<number> {
  try {
    await createProgram(io, options).parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      throw error;
    }
    // Help and version requests end with 0; every other Commander error is a usage error.
    io.exitCode = error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  }

  return io.exitCode;
}

/** Loaded on demand, so that commands without a database start without its dependencies. */
async function openAdminFromEnvironment(io: CliIo, selection?: WorkspaceSelection) {
  const { openAdminSession } = await import('./admin-session');

  return openAdminSession(process.env, selection, (text) => io.stderr(`sflow: ${text}\n`));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  }

  return port;
}
