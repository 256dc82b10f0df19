import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';

import type { Database } from '@sanjay-flow/db';

import { capturingLogger } from '../test-support/logs';
import { healthHandler } from './health';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(ping: () => Promise<void>, deadlineMs: number) {
  const { logger, lines } = capturingLogger('warn');
  const app = express();
  app.use((req, _res, next) => {
    req.log = logger;
    next();
  });
  app.get('/healthz', healthHandler({ ping } as Database, deadlineMs));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;

  return { url: `http://127.0.0.1:${port}/healthz`, lines };
}

async function probe(ping: () => Promise<void>, deadlineMs: number) {
  const { url, lines } = await serve(ping, deadlineMs);
  const response = await fetch(url);

  return { status: response.status, body: await response.json(), lines };
}

describe('the health check', () => {
  it('is ok while the database answers', async () => {
    const { status, body } = await probe(() => Promise.resolve(), 1_000);

    expect([status, body]).toEqual([200, { status: 'ok' }]);
  });

  it('is unavailable when the database cannot be reached', async () => {
    const { status, body } = await probe(() => Promise.reject(new Error('ECONNREFUSED')), 1_000);

    expect([status, body]).toEqual([
      503,
      { status: 'unavailable', reason: 'database unreachable' },
    ]);
  });

  it('is unavailable, within its deadline, when the database does not answer', async () => {
    const startedAt = performance.now();
    const { status, body, lines } = await probe(() => new Promise<void>(() => {}), 200);

    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect([status, body]).toEqual([
      503,
      { status: 'unavailable', reason: 'database did not answer in time' },
    ]);
    expect(lines.map((line) => line.msg)).toEqual([
      'health check: the database did not answer in time',
    ]);
  });

  it('asks a database that does not answer once for all the probes waiting on it', async () => {
    let pings = 0;
    const { url } = await serve(() => {
      pings += 1;

      return new Promise<void>(() => {});
    }, 200);
    const statuses = await Promise.all(
      Array.from({ length: 5 }, async () => (await fetch(url)).status),
    );

    expect(statuses).toEqual([503, 503, 503, 503, 503]);
    expect(pings).toBe(1);
  });
});
