import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { capturingLogger, type LogLine } from '../test-support/logs';
import { type MachineCall, machineIntake, type MachinePost } from './machine-intake';
import { createWindowCounter } from './window-counter';

const LIMIT = 2;

let server: Server;
let baseUrl: string;
let lines: LogLine[] = [];
let calls: MachineCall[] = [];

/** Answers 200 with the body it read, 401 for a body saying "refuse", throws for "throw". */
function echoRoute(prefix: string, keyOf: MachinePost['limit']['keyOf']): MachinePost {
  const pattern = new RegExp(`^/${prefix}/([^/]+)/?$`, 'i');

  return {
    path: `/${prefix}/:id`,
    match: (path) => pattern.exec(path)?.[1],
    maxBodyBytes: 1024,
    what: `the ${prefix} route`,
    limit: { counter: createWindowCounter(LIMIT, 60_000), scope: 'for this id', keyOf },
    failure: `${prefix} call failed`,
    answer: (call) => {
      calls.push(call);
      const text = call.rawBody.toString('utf8');
      if (text === 'throw') {
        return Promise.reject(new Error('the route broke at /secret/path'));
      }
      if (text === 'refuse') {
        call.note('call refused', { reason: 'asked to' });

        return Promise.resolve({ status: 401, contentType: 'text/plain', body: 'refused' });
      }

      return Promise.resolve({
        status: 200,
        contentType: 'text/plain',
        body: `${call.param}:${text}`,
      });
    },
  };
}

beforeAll(async () => {
  const captured = capturingLogger('debug');
  const { logger } = captured;
  lines = captured.lines;
  const intake = machineIntake(
    [
      echoRoute('before', { before: (id) => id }),
      echoRoute('after', { after: (body) => body.toString('utf8').slice(0, 3) }),
    ],
    { logger, https: false },
  );
  server = createServer((req, res) => {
    if (!intake(req, res)) {
      res.statusCode = 404;
      res.end('not taken');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  lines.length = 0;
  calls = [];
});

const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${path}`, { method: 'POST', body, headers });

/**
 * Sends the bytes on a socket of its own and answers everything the server wrote back until it
 * closed the connection; the socket stays open for writing unless `endAfterWrite`.
 */
function rawRequest(bytes: string, options = { endAfterWrite: true }): Promise<string> {
  const { port } = new URL(baseUrl);

  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      options.endAfterWrite ? socket.end(bytes) : socket.write(bytes),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

/** Starts a POST whose body never finishes; answers a function that abandons it. */
async function slowBody(path: string): Promise<() => void> {
  const { port } = new URL(baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{`);

  return () => socket.destroy();
}

describe('machineIntake', () => {
  it('takes POSTs to its routes, whatever the case, trailing slash or query', async () => {
    const answers = await Promise.all(
      ['/before/a1', '/BEFORE/a2/', '/before/a3?x=1'].map((path) => post(path, 'hi')),
    );

    expect(await Promise.all(answers.map((answer) => answer.text()))).toEqual([
      'a1:hi',
      'a2:hi',
      'a3:hi',
    ]);
    const [first] = answers;
    expect(first?.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(first?.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first?.headers.get('cache-control')).toBe('no-store');
    expect(first?.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves other methods and paths to the caller', async () => {
    const answers = [
      await fetch(`${baseUrl}/before/a1`),
      await post('/before/a1/more', 'hi'),
      await post('/before/', 'hi'),
      await post('/elsewhere', 'hi'),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(calls).toHaveLength(0);
  });

  it('inflates gzip and br bodies and refuses an unknown encoding with 415', async () => {
    const gzip = await post('/before/gz', gzipSync('packed'), { 'content-encoding': 'gzip' });
    const br = await post('/before/br', brotliCompressSync('packed'), { 'content-encoding': 'br' });
    const unknown = await post('/before/zz', 'packed', { 'content-encoding': 'zstd' });

    expect(await gzip.text()).toBe('gz:packed');
    expect(await br.text()).toBe('br:packed');
    expect(unknown.status).toBe(415);
    expect(await unknown.text()).toBe('Unsupported content encoding "zstd".');
  });

  it('refuses a broken compressed body with 400 and one inflating beyond the limit with 413', async () => {
    const broken = await post('/before/b1', 'not gzip', { 'content-encoding': 'gzip' });
    const bomb = await post('/before/b2', gzipSync(Buffer.alloc(1024 * 1024)), {
      'content-encoding': 'gzip',
    });

    expect(broken.status).toBe(400);
    expect(await broken.text()).toBe('The request body is not valid gzip data.');
    expect(bomb.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('reads an empty Content-Encoding as none, and routes an absolute-form target', async () => {
    const empty = await post('/before/e1', 'plain', { 'content-encoding': '' });
    const absolute = await rawRequest(
      `POST ${baseUrl}/before/abs?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`,
    );

    expect(await empty.text()).toBe('e1:plain');
    expect(absolute).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nabs:hi$/);
  });

  it('refuses a body over the limit with 413 in words, before the route runs', async () => {
    const answer = await post('/before/big', 'x'.repeat(1025));

    expect(answer.status).toBe(413);
    expect(await answer.text()).toBe(
      'Request body too large: the before route accepts at most 1kb.',
    );
    expect(calls).toHaveLength(0);
  });

  it('counts accepted calls only, per key, before the body is read or after it', async () => {
    const refused = await Promise.all([1, 2, 3].map(() => post('/before/k1', 'refuse')));
    const accepted = [await post('/before/k1', 'one'), await post('/before/k1', 'two')];
    const over = await post('/before/k1', 'three');
    const otherKey = await post('/before/k2', 'one');
    const byBody = [
      await post('/after/x', 'AAA one'),
      await post('/after/x', 'AAA two'),
      await post('/after/x', 'AAA three'),
      await post('/after/x', 'BBB one'),
    ];

    expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(accepted.map((answer) => answer.status)).toEqual([200, 200]);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.text()).toMatch(/^Too many requests for this id: retry after \d+ seconds\.$/);
    expect(otherKey.status).toBe(200);
    expect(byBody.map((answer) => answer.status)).toEqual([200, 200, 429, 200]);
    // The refused call over the limit before its body never reached the route.
    expect(calls.map((call) => call.rawBody.toString('utf8'))).not.toContain('three');
  });

  it('holds no count for a body that has not arrived', async () => {
    const abandon = await Promise.all([1, 2, 3].map(() => slowBody('/before/slow')));
    try {
      const answers = [await post('/before/slow', 'one'), await post('/before/slow', 'two')];

      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect((await post('/before/slow', 'three')).status).toBe(429);
    } finally {
      abandon.forEach((destroy) => destroy());
    }
  });

  it('refuses a call to a full window before its body is read', async () => {
    await post('/before/full', 'one');
    await post('/before/full', 'two');
    // Headers only: an answer can come only from a refusal that does not wait for the body.
    const answer = await rawRequest(
      'POST /before/full HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nConnection: close\r\n\r\n',
      { endAfterWrite: false },
    );

    expect(answer).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\n/);
  });

  it('writes a warning when the client goes away before the answer', async () => {
    const abandon = await slowBody('/before/away');
    abandon();

    await expect
      .poll(() => lines.find((line) => (line.req as { url?: string }).url === '/before/away'))
      .toMatchObject({ level: 40, msg: 'the client went away before the answer' });
  });

  it('answers 500 without the error when the route throws, and logs it with the request id', async () => {
    const answer = await post('/before/t1', 'throw');

    expect(answer.status).toBe(500);
    expect(await answer.text()).toBe('Internal error');
    const id = answer.headers.get('x-request-id');
    const failure = lines.find((line) => line.msg === 'before call failed');
    expect(failure).toMatchObject({ level: 50, req: { id } });
    const completion = lines.find((line) => line.msg === 'request completed');
    expect(completion).toMatchObject({ level: 50, req: { id, method: 'POST', url: '/before/t1' } });
  });

  it('writes one completion line per call, with the outcome the route noted', async () => {
    const answer = await post('/before/r1', 'refuse');

    expect(answer.status).toBe(401);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'call refused', reason: 'asked to' }),
    ]);
  });

  it.each([
    ['plain', {}],
    ['gzip', { 'content-encoding': 'gzip' }],
  ])('holds no count for a %s body cut off mid-way', async (encoding, headers) => {
    const id = `gone-${encoding}`;
    // A body promised longer than sent: the request aborts while the body is read.
    await new Promise<void>((resolve) => {
      const req = request(`${baseUrl}/before/${id}`, {
        method: 'POST',
        headers: { 'content-length': '100', ...headers },
      });
      req.on('error', () => resolve());
      req.write('partial', () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = [await post(`/before/${id}`, 'one'), await post(`/before/${id}`, 'two')];

    expect(after.map((answer) => answer.status)).toEqual([200, 200]);
  });
});
