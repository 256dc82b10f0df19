import type { Server } from 'node:http';

import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { createLogger } from '../logger';
import { capturingLogger, type LogLine } from '../test-support/logs';
import { lazyChild, machineRequests } from './machine-requests';
import { noteOutcome } from './request-outcome';

let server: Server;
let baseUrl: string;
let lines: LogLine[] = [];

beforeAll(async () => {
  const captured = capturingLogger('info');
  const { logger } = captured;
  lines = captured.lines;
  const app = express();
  app.use(machineRequests(logger, false));
  app.post('/answered', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  app.post('/refused', (_req, res) => {
    noteOutcome(res, 'call refused', { reason: 'no signature' });
    res.status(432).type('text/plain').send('Invalid signature');
  });
  app.post('/failed', (req, res) => {
    req.log.error({ step: 'lookup' }, 'the step failed');
    res.status(500).type('text/plain').send('Internal error');
  });
  app.get('/verify', (_req, res) => {
    res.status(403).type('text/plain').send('unknown verify token');
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  lines.length = 0;
});

async function call(path: string, method = 'POST'): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, { method });
  await response.text();
  // The completion line is written as the response finishes, after the client has it.
  await new Promise((resolve) => setTimeout(resolve, 20));

  return response;
}

const ofRequest = (response: Response) =>
  lines.filter(
    (line) =>
      (line['req'] as { id?: unknown } | undefined)?.id === response.headers.get('x-request-id'),
  );

describe('the pipeline of the routes Meta calls', () => {
  it('gives every answer a request id and the headers of a text answer', async () => {
    const response = await call('/answered');

    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('writes no line at info for an answered call', async () => {
    const response = await call('/answered');

    expect(response.status).toBe(200);
    expect(ofRequest(response)).toEqual([]);
  });

  it('writes one warning that says why a call was refused', async () => {
    const response = await call('/refused');

    const logged = ofRequest(response);

    expect(logged).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'call refused',
        reason: 'no signature',
        res: { statusCode: 432 },
      }),
    ]);
    expect(typeof logged[0]?.['responseTime']).toBe('number');
  });

  it('ties a route’s own lines to the request and ends a failure with an error', async () => {
    const response = await call('/failed');

    expect(ofRequest(response)).toEqual([
      expect.objectContaining({ level: 50, msg: 'the step failed', step: 'lookup' }),
      expect.objectContaining({ level: 50, res: { statusCode: 500 } }),
    ]);
  });

  it('keeps the verify token of a handshake out of the logged address', async () => {
    const response = await call('/verify?hub.mode=subscribe&hub.verify_token=s3cret', 'GET');
    const [line] = ofRequest(response);

    expect(line?.['req']).toMatchObject({ method: 'GET' });
    expect(JSON.stringify(line)).not.toContain('s3cret');
  });
});

describe('over HTTPS', () => {
  it('asks browsers to keep to HTTPS', async () => {
    const app = express();
    app.use(machineRequests(createLogger('silent'), true));
    app.post('/answered', (_req, res) => {
      res.send('OK');
    });
    const secureServer = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = secureServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const response = await fetch(`http://127.0.0.1:${port}/answered`, { method: 'POST' });
    await new Promise((resolve) => secureServer.close(resolve));

    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });
});

describe('a request’s lazy logger', () => {
  it('makes its child for the first line written, with the bindings', () => {
    const { logger, lines } = capturingLogger('warn');
    const makeChild = vi.spyOn(logger, 'child');
    const log = lazyChild(logger, { req: { id: 'r1' } });

    log.info('below the level');
    log.debug({ detail: 1 }, 'below the level too');
    expect(makeChild).not.toHaveBeenCalled();

    log.warn('written');
    log.error('written too');
    expect(makeChild).toHaveBeenCalledTimes(1);
    expect(lines.map((line) => [line.msg, line.req])).toEqual([
      ['written', { id: 'r1' }],
      ['written too', { id: 'r1' }],
    ]);
  });
});
