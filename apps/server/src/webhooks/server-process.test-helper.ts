import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./webhook-server.test-helper.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  /** An owner's API token for the server's `/trpc`. */
  token: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no cleanup, as in a crash. */
  kill(): Promise<void>;
}

/** Starts `webhook-server.test-helper.ts` under tsx with `env`, resolving once it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = () => exited.then(() => undefined);

  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (line.startsWith('{"listening"')) {
        const { listening: url, token } = JSON.parse(line) as { listening: string; token: string };
        resolve({
          url,
          token,
          child,
          stop: () => {
            child.kill('SIGTERM');

            return ended();
          },
          kill: () => {
            child.kill('SIGKILL');

            return ended();
          },
        });
      }
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening: ${stderr}`)),
    );
  });
}
