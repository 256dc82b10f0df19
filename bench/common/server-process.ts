// The bench's servers run in a child process, so that the load generator and the servers do not
// share one event loop. The child prints its setup as one JSON line and stops when its standard
// input closes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcessOptions {
  /** Absolute path of the TypeScript file that starts the servers. */
  script: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Where V8 writes a CPU profile of the servers; none when undefined. */
  cpuProfileDir?: string;
}

export async function startServerProcess<Setup>(
  options: ServerProcessOptions,
): Promise<{ setup: Setup; stop: () => void }> {
  const profile =
    options.cpuProfileDir === undefined
      ? []
      : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', options.script, ...options.args],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      ...(options.env === undefined ? {} : { env: options.env }),
    },
  );
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve) => lines.once('line', resolve));

  return { setup: JSON.parse(first) as Setup, stop: () => child.stdin.end() };
}
