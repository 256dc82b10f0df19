import { describe, expect, it } from 'vitest';

import { RuntimeError } from '../../errors';
import type { Deadline } from '../context';
import {
  FakeClock,
  FakeHttp,
  HangingHttp,
  emptyProgram,
  fakePorts,
  json,
  stepContext,
} from '../../testing/fakes.test-helper';
import type { HttpHandler } from '../../testing/fakes.test-helper';
import type { HttpPort } from '../../ports';
import { executeHttpRequest } from './execute';
import type { HttpRequestNode } from './schema';
import { HttpRequestNodeSchema, defaultHttpRequestNode, httpRequestSites } from './schema';

const node: HttpRequestNode = {
  ...defaultHttpRequestNode('api'),
  method: 'POST',
  url: 'https://api.example.com/slots/{{ payload.date }}?city={{ vars.city }}',
  headers: { authorization: 'Bearer {{ vars.apiKey }}' },
  body: {
    date: '{{ payload.date }}',
    party: '{{ number(payload.party) }}',
    note: 'for {{ vars.city }}',
    fixed: 3,
  },
  timeoutMs: 1_000,
  retries: 2,
  backoffMs: 100,
  responseMapping: [
    { variable: 'slots', expression: 'response.slots' },
    { variable: 'firstSlot', expression: 'response.slots[0].id' },
  ],
};

function setup(
  http: HttpPort,
  clock = new FakeClock(),
  deadline?: Deadline,
  withErrorPort = false,
) {
  const start = clock.now();
  const program = emptyProgram({
    edges: withErrorPort ? [{ from: 'api', to: 'fallback', port: 'error' }] : [],
  });
  const ports = fakePorts(http, clock);
  const context = stepContext({
    nodeId: 'api',
    program,
    payload: { date: '2026-03-15', party: '4' },
    variables: { city: 'São Paulo/Centro', apiKey: 'k-1' },
    ports,
    now: clock.now,
    deadline: deadline ?? { remainingMs: () => 3_000 - (clock.now() - start) },
  });

  return { context, ports, clock };
}

const slots = { slots: [{ id: 's1', title: '09:00' }] };

describe('http_request', () => {
  it('renders the request, encodes URL placeholders and maps the JSON response', async () => {
    const http = new FakeHttp(() => json(200, slots));
    const { context } = setup(http);
    const outcome = await executeHttpRequest(node, context);
    const [request] = http.requests;
    expect(request?.url).toBe(
      'https://api.example.com/slots/2026-03-15?city=S%C3%A3o%20Paulo%2FCentro',
    );
    expect(request?.headers).toEqual({
      authorization: 'Bearer k-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual({
      date: '2026-03-15',
      party: 4,
      note: 'for São Paulo/Centro',
      fixed: 3,
    });
    expect(context.variables).toMatchObject({ slots: slots.slots, firstSlot: 's1' });
    expect(outcome).toMatchObject({
      kind: 'continue',
      detail: { status: 200, attempts: 1, host: 'api.example.com' },
    });
  });

  it('sends no body with GET', async () => {
    const http = new FakeHttp(() => json(200, {}));
    await executeHttpRequest({ ...node, method: 'GET' }, setup(http).context);
    expect(http.requests[0]?.body).toBeUndefined();
  });

  it('retries 5xx and 429 with growing backoff, then succeeds', async () => {
    const statuses = [503, 429, 200];
    const http = new FakeHttp(() => json(statuses.shift() ?? 500, slots));
    const { context, ports } = setup(http);
    const outcome = await executeHttpRequest(node, context);
    expect(http.requests).toHaveLength(3);
    expect(ports.waits).toEqual([100, 200]);
    expect(outcome).toMatchObject({ detail: { attempts: 3 } });
  });

  it('retries network errors', async () => {
    let calls = 0;
    const handler: HttpHandler = () => {
      calls += 1;
      if (calls === 1) {
        throw new Error('ECONNRESET');
      }

      return json(200, slots);
    };
    const outcome = await executeHttpRequest(node, setup(new FakeHttp(handler)).context);
    expect(outcome).toMatchObject({ detail: { attempts: 2 } });
  });

  it('does not retry a 4xx and fails with HTTP_FAILED without an error port', async () => {
    const http = new FakeHttp(() => json(404, { message: 'no' }));
    await expect(executeHttpRequest(node, setup(http).context)).rejects.toMatchObject({
      code: 'HTTP_FAILED',
      nodeId: 'api',
      details: { status: 404 },
    });
    expect(http.requests).toHaveLength(1);
  });

  it('leaves by port error when the program connects it', async () => {
    const http = new FakeHttp(() => json(500, {}));
    const outcome = await executeHttpRequest(
      node,
      setup(http, new FakeClock(), undefined, true).context,
    );
    expect(outcome).toMatchObject({
      kind: 'continue',
      port: 'error',
      detail: { status: 500, attempts: 3 },
    });
  });

  it('treats a body that is not JSON as a failure', async () => {
    const http = new FakeHttp(() => ({ status: 200, body: '<html>' }));
    await expect(executeHttpRequest(node, setup(http).context)).rejects.toMatchObject({
      code: 'HTTP_FAILED',
    });
  });

  it('times an attempt out after the step timeout and retries', async () => {
    const http = new HangingHttp();
    const clock = new FakeClock();
    const { context, ports } = setup(http, clock, { remainingMs: () => 100_000 });
    await expect(executeHttpRequest({ ...node, retries: 1 }, context)).rejects.toMatchObject({
      code: 'HTTP_FAILED',
    });
    expect(http.requests.map((request) => request.timeoutMs)).toEqual([1_000, 1_000]);
    expect(http.requests.every((request) => request.signal.aborted)).toBe(true);
    expect(ports.waits).toEqual([1_000, 100, 1_000]);
  });

  it('gives an attempt only what is left of the budget and fails with DEADLINE_EXCEEDED when it runs out', async () => {
    const http = new HangingHttp();
    const clock = new FakeClock();
    const start = clock.now();
    const { context } = setup(http, clock, { remainingMs: () => 1_500 - (clock.now() - start) });
    const failure = executeHttpRequest(node, context);
    await expect(failure).rejects.toBeInstanceOf(RuntimeError);
    await expect(failure).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED', nodeId: 'api' });
    expect(http.requests.map((request) => request.timeoutMs)).toEqual([1_000, 400]);
  });

  it('refuses a URL template without a literal http(s) host', () => {
    for (const url of [
      '{{ vars.url }}',
      'ftp://x.example.com',
      'https://{{ vars.host }}/x',
      'https://',
    ]) {
      expect(HttpRequestNodeSchema.safeParse({ ...node, url }).success).toBe(false);
    }
    expect(HttpRequestNodeSchema.safeParse(node).success).toBe(true);
  });

  it('lists every template and mapping for checking', () => {
    expect(httpRequestSites(node).map((site) => site.field)).toEqual([
      'url',
      'headers.authorization',
      'body.date',
      'body.party',
      'body.note',
      'responseMapping[0]',
      'responseMapping[1]',
    ]);
  });
});
