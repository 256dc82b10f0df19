// The built product started for the bench: a server process on 127.0.0.1 with a fresh data
// folder, signed in through the one-time link it prints on first start.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { APIRequestContext } from 'playwright-core';

const SERVER_ENTRY = fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));
const EDITOR_DIR = fileURLToPath(new URL('../../apps/editor/dist', import.meta.url));
const START_TIMEOUT_MS = 120_000;

export interface RunningProduct {
  url: string;
  /** The one-time sign-in link of the owner the first start made. */
  signInToken: string;
  stop: () => Promise<void>;
}

function waitForLink(child: ChildProcess): Promise<{ url: string; token: string }> {
  let output = '';

  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server printed no sign-in link:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/sign-in#link=([\w-]+)/.exec(output);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1], token: match[2] });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the server stopped (${code}):\n${output}`)));
  });
}

/** Starts `apps/server/dist/main.js` (run `npm run build` first) on a free port. */
export async function startProduct(): Promise<RunningProduct> {
  if (!existsSync(SERVER_ENTRY) || !existsSync(EDITOR_DIR)) {
    throw new Error('Build the product first: npm run build');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sflow-bench-editor-'));
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SFLOW_DATA_DIR: dataDir,
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    for (const path of [dataDir, `${dataDir}.lock`]) {
      rmSync(path, { recursive: true, force: true });
    }
  };
  try {
    const { url, token } = await waitForLink(child);

    return { url, signInToken: token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs the browser context in; its API calls then carry the session and its CSRF token. */
export async function signIn(request: APIRequestContext, product: RunningProduct) {
  const response = await request.post(`${product.url}/auth/link`, {
    data: { token: product.signInToken },
  });
  if (!response.ok()) {
    throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  }
  const { csrfToken } = (await response.json()) as { csrfToken: string };

  return {
    mutate: async <T>(procedure: string, input: unknown): Promise<T> => {
      const answer = await request.post(`${product.url}/trpc/${procedure}`, {
        data: input,
        headers: { 'x-csrf-token': csrfToken },
      });
      if (!answer.ok()) {
        throw new Error(`${procedure} failed: ${answer.status()} ${await answer.text()}`);
      }

      return ((await answer.json()) as { result: { data: T } }).result.data;
    },
  };
}
