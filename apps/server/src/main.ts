import { ConfigError, loadConfig } from './config';
import type { Config } from './config';
import { TlsSetupError } from './http/tls';
import { createLogger } from './logger';
import { logFileDestination } from './logger-files';
import { startServer } from './server';

/** `npm start` and `sflow serve`: run until SIGINT or SIGTERM, then shut down gracefully. */
export async function main(): Promise<void> {
  const config = configOrExit();
  const logFile = config.logFile && logFileDestination(config.logFile);
  const logger = createLogger(config.logLevel, logFile?.destination);
  let closeMetaSim = () => Promise.resolve();
  let stopping = false;
  const shutDown = (exitCode: 0 | 1) => {
    stopping = true;
    starting
      .then((server) => Promise.all([server.close(), closeMetaSim()]))
      .then(
        () => process.exit(exitCode),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  // A server whose embedded database has stopped answers nothing useful and holds the
  // database folder: it stops, so that a supervisor starts it again.
  const starting = startServer(config, logger, {
    onDatabaseFailure: () => {
      if (!stopping) {
        logger.fatal('the embedded database stopped: shutting down');
        shutDown(1);
      }
    },
  });
  // Handlers go in before start-up finishes, so a signal during start-up still shuts down
  // cleanly. A second signal while shutting down stops at once.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: stopping without waiting');
      process.exit(1);
    }
    logger.info({ signal }, 'signal received: shutting down');
    shutDown(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const server = await starting.catch((error: unknown) => {
    if (error instanceof TlsSetupError) {
      // A configuration mistake, like those configOrExit reports: the message, no stack.
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    logger.fatal({ err: error }, 'could not start');
    process.stderr.write(`\nSanjay Flow could not start: ${startFailure(error, config)}\n`);
    process.exit(1);
  });
  if (config.metaSim.enabled) {
    // Development and demos only: Meta's stand-in on 127.0.0.1, seeded to talk to this server.
    const { describeDemoSeed, startDemoMetaSim } = await import('@sanjay-flow/meta-sim');
    const log = logger.child({ component: 'meta-sim' });
    const demo = await startDemoMetaSim({
      port: config.metaSim.port,
      productUrl: server.url,
      // Only used at start-up, to save the demo connection: an hour is plenty.
      productToken: await server.issueApiToken({
        name: 'Meta stand-in (demo)',
        role: 'editor',
        expiresInMs: 60 * 60 * 1000,
      }),
      log,
    }).catch((error: unknown) => {
      log.error({ err: error }, 'the Meta stand-in did not start');
      // Said to the person too: the product runs on, without the stand-in it was asked for.
      process.stderr.write(
        `\nThe Meta stand-in did not start (${error instanceof Error ? error.message : String(error)}); ` +
          `Sanjay Flow runs without it. SFLOW_META_SIM_PORT chooses its port ` +
          `(${config.metaSim.port} now).\n`,
      );
    });
    if (demo) {
      closeMetaSim = () => demo.sim.close();
      process.stderr.write(`\n${describeDemoSeed(demo.seed)}\n`);
    }
  }
  if (process.stderr.isTTY) {
    // The logs are JSON for machines; a person starting the server wants the address.
    process.stderr.write(`\nSanjay Flow is running at ${server.url}  (Ctrl+C stops it)\n\n`);
  }
}

/** Why start-up failed, in words for the person who started it (the log has the stack). */
function startFailure(error: unknown, config: Config): string {
  if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE') {
    return `port ${config.port} on ${config.host} is in use; PORT (and HOST) choose another.`;
  }

  return error instanceof Error ? error.message : String(error);
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
