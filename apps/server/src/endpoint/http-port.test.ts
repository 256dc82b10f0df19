import http from 'node:http';
import type { Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { close, listen } from './endpoint.test-helper';
import { createHttpPort, OutboundRefusedError } from './http-port';

let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} host=${req.headers.host}`);
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    } else if (req.url === '/large') {
      res.end(Buffer.alloc(2048, 0x61));
    } else if (req.url === '/hang') {
      return;
    } else {
      req.pipe(res);
    }
  });
  baseUrl = await listen(server);
});

afterAll(() => close(server));

function request(
  url: string,
  overrides: Partial<Parameters<ReturnType<typeof createHttpPort>['request']>[0]> = {},
) {
  return {
    method: 'POST' as const,
    url,
    headers: { 'content-type': 'text/plain' },
    body: 'hello',
    timeoutMs: 2_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<OutboundRefusedError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OutboundRefusedError);

  return error as OutboundRefusedError;
}

describe('createHttpPort', () => {
  it('sends to an allowed host and returns status and body', async () => {
    const port = createHttpPort({ allowedHosts: ['127.0.0.1'] });

    expect(await port.request(request(`${baseUrl}/echo`))).toEqual({ status: 200, body: 'hello' });
  });

  it('connects to the checked address of a resolved name, keeping the name as Host', async () => {
    const port = createHttpPort({
      allowedHosts: ['booking.test'],
      resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
    });

    await port.request(request(`http://booking.test:${port_()}/pinned`));

    expect(seen.at(-1)).toBe(`POST /pinned host=booking.test:${port_()}`);
  });

  it.each([
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', 'http://10.0.0.1/internal'],
    ['loopback when not allowed', 'http://127.0.0.1:1/'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses %s without opening a connection', async (_name, url) => {
    const spy = vi.spyOn(http, 'request');
    const port = createHttpPort({ allowedHosts: [] });

    const refusal = await refusalOf(port.request(request(url)));

    expect(refusal.code).toMatch(/BLOCKED_ADDRESS|BLOCKED_HOSTNAME|SCHEME_NOT_ALLOWED/);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('refuses a public name that resolves to a private address (DNS rebinding)', async () => {
    const spy = vi.spyOn(http, 'request');
    const port = createHttpPort({
      allowedHosts: [],
      resolve: () =>
        Promise.resolve([
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ]),
    });

    const refusal = await refusalOf(port.request(request('http://api.example.com/')));

    expect(refusal.code).toBe('BLOCKED_ADDRESS');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('does not follow redirects', async () => {
    const port = createHttpPort({ allowedHosts: ['127.0.0.1'] });

    expect(await port.request(request(`${baseUrl}/redirect`))).toMatchObject({ status: 302 });
  });

  it('rejects a response over the size cap', async () => {
    const port = createHttpPort({ allowedHosts: ['127.0.0.1'], maxResponseBytes: 1024 });

    await expect(
      port.request(request(`${baseUrl}/large`, { method: 'GET', body: undefined })),
    ).rejects.toThrow('larger than 1024 bytes');
  });

  it('gives up when the signal aborts', async () => {
    const port = createHttpPort({ allowedHosts: ['127.0.0.1'] });
    const controller = new AbortController();
    const pending = port.request(
      request(`${baseUrl}/hang`, { signal: controller.signal, timeoutMs: 60_000 }),
    );
    controller.abort();

    await expect(pending).rejects.toThrow();
  });
});

function port_(): string {
  return new URL(baseUrl).port;
}
