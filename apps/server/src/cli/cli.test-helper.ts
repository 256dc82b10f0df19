import type { PrismaClient } from '@sanjay-flow/db';

import { createKeyPairs } from '../connections/key-pairs';
import { createConnections } from '../connections/manage-connections';
import type { SecretBox } from '../secrets/secret-box';
import type { AdminOpener } from './admin-session';
import { type CliIo, type ProgramOptions, runCli } from './index';

/** What one `sflow` run printed and the code it ended with. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sflow` in this process, collecting what it prints; `stdin` is what it may read. */
export async function runSflow(
  argv: readonly string[],
  options: ProgramOptions,
  stdin?: string,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    exitCode: 0,
    ...(stdin === undefined ? {} : { readStdin: () => Promise.resolve(stdin) }),
  };
  const code = await runCli(argv, io, options);

  return { code, stdout, stderr };
}

/** Admin sessions on one workspace of a test database; closing a session leaves it open. */
export function adminOpenerFor(
  prisma: PrismaClient,
  secrets: SecretBox,
  workspaceId: string,
): AdminOpener {
  return () =>
    Promise.resolve({
      workspaceId,
      connections: createConnections(prisma, secrets),
      keyPairs: createKeyPairs({ prisma, secrets, graceHours: 24 }),
      prisma,
      serverUrl: 'http://127.0.0.1:3000',
      close: () => Promise.resolve(),
    });
}
