import { runCli } from './index';
import type { CliIo, ServeOptions } from './index';

/** `sflow serve` starts the same server as `npm start`; flags override the environment. */
async function serve(options: ServeOptions): Promise<void> {
  if (options.port !== undefined) {
    process.env.PORT = String(options.port);
  }
  if (options.host !== undefined) {
    process.env.HOST = options.host;
  }
  // Loaded on demand so that validate, import and compile start without the server's dependencies.
  const { main } = await import('../main');
  await main();
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  exitCode: 0,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
    }

    return Buffer.concat(chunks).toString('utf8');
  },
};

process.exitCode = await runCli(process.argv.slice(2), io, { serve });
