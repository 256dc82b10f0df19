import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sflow-server-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function configFor(extra: Record<string, string> = {}) {
  return loadConfig({ PORT: '0', SFLOW_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra });
}

const quiet = { printSignInLink: () => undefined };

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'entry.ts');

/** `npm start` in a child process on the test's data folder and the embedded database. */
function startMain(env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, PORT: '0', SFLOW_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A port of 127.0.0.1 something else listens on. */
async function takenPort(): Promise<{ port: number; close: () => void }> {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));

  return { port: (taken.address() as AddressInfo).port, close: () => taken.close() };
}

describe('startServer', () => {
  it('prints a one-time sign-in link for the owner on first start only', async () => {
    const printed: string[] = [];
    const print = { printSignInLink: (text: string) => printed.push(text) };
    const first = await startServer(configFor(), createLogger('silent'), print);
    await first.close();
    const second = await startServer(configFor(), createLogger('silent'), print);
    const token = /#link=(\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    const signIn = await fetch(`${second.url}/auth/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    await second.close();

    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(`${first.url}/sign-in#link=sfl_`);
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ user: { email: 'owner@localhost' } });
  });

  it('finishes a request already in flight before it stops', async () => {
    const server = await startServer(configFor(), createLogger('silent'), quiet);
    const token = await server.issueApiToken({ name: 'test', role: 'editor', expiresInMs: 60_000 });
    const body = JSON.stringify({ name: 'Slow upload' });
    const response = new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/trpc/flows.create`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();

    expect(await response).toBe(200);
    await closing;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('refuses a second server on the same embedded data folder', async () => {
    const first = await startServer(configFor(), createLogger('silent'), quiet);
    try {
      await expect(startServer(configFor(), createLogger('silent'), quiet)).rejects.toThrow(
        /in use/,
      );
    } finally {
      await first.close();
    }
  });
});

describe('the server process', () => {
  it('stops cleanly on SIGTERM', async () => {
    const child = startMain({ LOG_LEVEL: 'info' });
    let output = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (child.signalCode === null && !signalled && output.includes('Sanjay Flow is listening')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });

  it('says so in words when the Meta stand-in it was asked for cannot start, and runs on', async () => {
    const taken = await takenPort();
    const child = startMain({
      LOG_LEVEL: 'silent',
      SFLOW_META_SIM: '1',
      SFLOW_META_SIM_PORT: String(taken.port),
    });
    let errors = '';
    const said = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
        if (errors.includes('runs without it')) {
          resolve();
        }
      }),
    );
    try {
      await said;

      expect(errors).toContain(
        `The Meta stand-in did not start (listen EADDRINUSE: address already in use 127.0.0.1:${taken.port}); Sanjay Flow runs without it.`,
      );
      expect(child.exitCode).toBeNull();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      taken.close();
    }
  });

  it('says in words why it cannot start when its port is taken, and exits 1', async () => {
    const taken = await takenPort();
    const child = startMain({ PORT: String(taken.port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    taken.close();

    expect(code).toBe(1);
    expect(errors).toContain(
      `Sanjay Flow could not start: port ${taken.port} on 127.0.0.1 is in use; PORT (and HOST) choose another.`,
    );
  });

  it('exits with status 2 and names the bad variable', async () => {
    const child = startMain({ PORT: 'abc' });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(2);
    expect(errors).toMatch(/Invalid configuration:\n\s+PORT="abc"/);
  });

  it('exits with status 2 and names the variable when a TLS file cannot be read', async () => {
    const missing = path.join(dataDir, 'no-such-cert.pem');
    const child = startMain({ SFLOW_TLS_CERT: missing, SFLOW_TLS_KEY: missing });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(2);
    expect(errors).toContain(
      `SFLOW_TLS_CERT: cannot read the certificate file ${missing} (ENOENT)`,
    );
    expect(errors).not.toContain('"stack"');
  });
});
