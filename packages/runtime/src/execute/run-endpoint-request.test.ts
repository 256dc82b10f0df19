import { describe, expect, it } from 'vitest';

import type { RuntimeErrorCode } from '../errors';
import { RUNTIME_ERROR_CODES } from '../errors';
import type { LogicNode } from '../nodes/schema';
import type { Program } from '../program/schema';
import type { Session } from '../protocol';
import { createSession } from '../protocol';
import type { HttpPort } from '../ports';
import { datesRequest } from '../testing/booking.test-helper';
import {
  FakeClock,
  FakeHttp,
  HangingHttp,
  emptyProgram,
  fakePorts,
  json,
  unusedHttp,
} from '../testing/fakes.test-helper';
import type { RunEndpointRequestInput } from './run-endpoint-request';
import { runEndpointRequest } from './run-endpoint-request';

const screens: Program['screens'] = {
  START: {
    data: {
      name: { type: 'string' },
      items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
    },
  },
  NEXT: { data: {} },
  OTHER: { data: {} },
};

function program(nodes: LogicNode[], edges: Program['edges'] = []): Program {
  return emptyProgram({ screens, routes: { START: ['NEXT'], NEXT: [], OTHER: [] }, nodes, edges });
}

const opened: LogicNode = { id: 'opened', type: 'trigger.flow_opened' };

function run(overrides: Partial<RunEndpointRequestInput> & { http?: HttpPort } = {}) {
  const clock = new FakeClock();

  return runEndpointRequest({
    program: program([]),
    request: { action: 'INIT', screen: '', data: {}, flow_token: 'tok', version: '3.0' },
    session: createSession('tok'),
    now: clock.now,
    ports: fakePorts(overrides.http ?? unusedHttp, clock),
    ...overrides,
  });
}

async function failureOf(overrides: Parameters<typeof run>[0]) {
  const result = await run(overrides);
  if (result.ok) {
    throw new Error(`expected a failure, got ${JSON.stringify(result.reply)}`);
  }

  return result;
}

function openedThen(
  node: LogicNode,
  extra: LogicNode[] = [],
  edges: Program['edges'] = [],
): Program {
  return program([opened, node, ...extra], [{ from: 'opened', to: node.id }, ...edges]);
}

const goStart = (data: Record<string, string>): LogicNode => ({
  id: 'go',
  type: 'go_to_screen',
  screen: 'START',
  data,
});

describe('runEndpointRequest: protocol', () => {
  it('answers ping without a program or session', async () => {
    const result = await run({
      program: null,
      session: null,
      request: { action: 'ping', version: '3.0' },
    });
    expect(result).toMatchObject({ ok: true, reply: { data: { status: 'active' } }, effects: [] });
  });

  it.each(['error', 'error_key'])(
    'acknowledges an error notification sent as data.%s',
    async (field) => {
      const request = {
        action: 'data_exchange',
        screen: 'START',
        flow_token: 'tok',
        data: { [field]: 'payload-schema-error', error_message: 'Missing name' },
      };
      const result = await run({ request });
      expect(result).toMatchObject({
        ok: true,
        reply: { data: { acknowledged: true } },
        effects: [
          {
            kind: 'client_error',
            screen: 'START',
            errorKey: 'payload-schema-error',
            message: 'Missing name',
          },
        ],
      });
    },
  );

  it('starts a fresh session on the entry screen and records the history', async () => {
    const result = await run({ program: openedThen(goStart({ name: "'Ana'", items: '[]' })) });
    expect(result).toMatchObject({
      ok: true,
      session: { currentScreen: 'START', history: ['START'] },
    });
  });
});

const failures: [
  RuntimeErrorCode,
  string,
  () => Promise<{ error: { code: string; nodeId?: string | undefined; message: string } }>,
][] = [
  ['INVALID_REQUEST', 'unknown action', () => failureOf({ request: { action: 'launch' } })],
  [
    'INVALID_REQUEST',
    'someone else’s flow token',
    () => failureOf({ request: { action: 'INIT', flow_token: 'other' } }),
  ],
  ['NO_PROGRAM', 'no program', () => failureOf({ program: null })],
  ['NO_SESSION', 'no session', () => failureOf({ session: null })],
  [
    'NO_TRIGGER',
    'no trigger for the screen',
    () =>
      failureOf({
        request: { action: 'data_exchange', screen: 'START', flow_token: 'tok', data: {} },
      }),
  ],
  ['DEAD_END', 'a trigger that leads nowhere', () => failureOf({ program: program([opened]) })],
  [
    'STEP_LIMIT',
    'a loop',
    () =>
      failureOf({
        program: openedThen(
          {
            id: 'count',
            type: 'set_data',
            assignments: [{ variable: 'n', expression: 'default(vars.n, 0) + 1' }],
          },
          [{ id: 'again', type: 'condition', expression: 'true' }],
          [
            { from: 'count', to: 'again' },
            { from: 'again', to: 'count', port: 'true' },
          ],
        ),
      }),
  ],
  [
    'EXPRESSION_ERROR',
    'a failing expression',
    () => failureOf({ program: openedThen(goStart({ name: "'a' - 1", items: '[]' })) }),
  ],
  [
    'HTTP_FAILED',
    'a failing API',
    () =>
      failureOf({
        program: openedThen({ ...datesRequest, id: 'api' }),
        http: new FakeHttp(() => json(400, {})),
      }),
  ],
  [
    'UNKNOWN_SCREEN',
    'a screen that is not declared',
    () =>
      failureOf({
        program: openedThen({ id: 'go', type: 'go_to_screen', screen: 'NOWHERE', data: {} }),
      }),
  ],
  [
    'INVALID_TRANSITION',
    'INIT to a screen that is not an entry',
    () =>
      failureOf({
        program: openedThen({ id: 'go', type: 'go_to_screen', screen: 'NEXT', data: {} }),
      }),
  ],
  [
    'REPLY_SCHEMA_MISMATCH',
    'a missing key',
    () => failureOf({ program: openedThen(goStart({ items: '[]' })) }),
  ],
  [
    'SESSION_TOO_LARGE',
    'an API response kept whole',
    () =>
      failureOf({
        program: openedThen(
          {
            ...datesRequest,
            id: 'api',
            responseMapping: [{ variable: 'all', expression: 'response' }],
          },
          [{ id: 'go', type: 'go_to_screen', screen: 'NEXT', data: {} }],
          [{ from: 'api', to: 'go' }],
        ),
        http: new FakeHttp(() => json(200, { blob: 'x'.repeat(300_000) })),
      }),
  ],
  [
    'NODE_FAILED',
    'an error with no screen to show it on',
    () =>
      failureOf({
        program: openedThen({ id: 'oops', type: 'show_error', message: 'x', data: {} }),
      }),
  ],
];

describe('runEndpointRequest: failures are values', () => {
  it('covers every error code between this table and the deadline tests', () => {
    const covered = new Set<string>([...failures.map(([code]) => code), 'DEADLINE_EXCEEDED']);
    expect(RUNTIME_ERROR_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(failures)('%s for %s', async (code, _case, failure) => {
    const { error } = await failure();
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('names the node that failed and keeps the log up to the failure', async () => {
    const result = await failureOf({
      program: openedThen(goStart({ name: '1 / 0', items: '[]' })),
    });
    expect(result.error).toMatchObject({
      code: 'EXPRESSION_ERROR',
      nodeId: 'go',
      fault: 'program',
    });
    expect(result.error.userMessage).toBe('Something went wrong. Please try again.');
    expect(result.log.map((entry) => [entry.nodeId, entry.outcome])).toEqual([
      ['opened', 'ok'],
      ['go', 'error'],
    ]);
  });

  it('stops a loop after the step limit', async () => {
    const { error } = await failureOf({
      program: program(
        [opened, { id: 'spin', type: 'condition', expression: 'true' }],
        [
          { from: 'opened', to: 'spin' },
          { from: 'spin', to: 'spin', port: 'true' },
        ],
      ),
      options: { maxSteps: 10 },
    });
    expect(error).toMatchObject({
      code: 'STEP_LIMIT',
      message: 'More than 10 steps in one request',
    });
  });

  it('names the key of a reply that breaks the screen data model', async () => {
    const wrongType = await failureOf({
      program: openedThen(goStart({ name: "'Ana'", items: 'vars.items' })),
      session: { ...createSession('tok'), variables: { items: [{ id: 'a' }, { id: 1 }] } },
    });
    expect(wrongType.error.message).toContain('data.items[1].id: expected a string, got a number');
    const missing = await failureOf({ program: openedThen(goStart({ items: '[]' })) });
    expect(missing.error.message).toContain('data.name: declared by the screen but missing');
  });
});

describe('runEndpointRequest: routing', () => {
  const submitted: LogicNode = {
    id: 'submitted',
    type: 'trigger.screen_submitted',
    screen: 'START',
  };
  const session: Session = {
    flowToken: 'tok',
    variables: {},
    currentScreen: 'START',
    history: ['START'],
  };
  const submit = { action: 'data_exchange', screen: 'START', flow_token: 'tok', data: {} };

  function moveTo(screen: string) {
    return run({
      program: program(
        [submitted, { id: 'go', type: 'go_to_screen', screen, data: {} }],
        [{ from: 'submitted', to: 'go' }],
      ),
      session,
      request: submit,
    });
  }

  it('allows a route from the current screen and refuses others', async () => {
    expect(await moveTo('NEXT')).toMatchObject({
      ok: true,
      session: { history: ['START', 'NEXT'] },
    });
    expect(await moveTo('OTHER')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
  });

  it('lets BACK return along a route or to a screen already shown, and nowhere else', async () => {
    const leaving: LogicNode = { id: 'leaving', type: 'trigger.back', screen: 'NEXT' };
    const back = (screen: string, history: string[], data: Record<string, string> = {}) =>
      run({
        program: program(
          [leaving, { id: 'go', type: 'go_to_screen', screen, data }],
          [{ from: 'leaving', to: 'go' }],
        ),
        session: { flowToken: 'tok', variables: {}, currentScreen: 'NEXT', history },
        request: { action: 'BACK', screen: 'NEXT', flow_token: 'tok', data: {} },
      });
    expect(await back('START', ['NEXT'], { name: "'Ana'", items: '[]' })).toMatchObject({
      ok: true,
      session: { currentScreen: 'START', history: ['NEXT', 'START'] },
    });
    expect(await back('OTHER', ['OTHER', 'NEXT'])).toMatchObject({
      ok: true,
      session: { history: ['OTHER'] },
    });
    expect(await back('OTHER', ['NEXT'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
  });

  it('allows SUCCESS from anywhere', async () => {
    const result = await run({
      program: program(
        [submitted, { id: 'done', type: 'finish_flow', params: {} }],
        [{ from: 'submitted', to: 'done' }],
      ),
      session,
      request: submit,
    });
    expect(result).toMatchObject({ ok: true, reply: { screen: 'SUCCESS' } });
  });

  it('prefers the trigger filtered by the payload action', async () => {
    const save: LogicNode = { ...submitted, id: 'save', action: 'save' };
    const result = await run({
      program: program(
        [
          submitted,
          save,
          {
            id: 'stay',
            type: 'go_to_screen',
            screen: 'START',
            data: { name: "'any'", items: '[]' },
          },
          { id: 'go', type: 'go_to_screen', screen: 'NEXT', data: {} },
        ],
        [
          { from: 'submitted', to: 'stay' },
          { from: 'save', to: 'go' },
        ],
      ),
      session,
      request: { ...submit, data: { action: 'save' } },
    });
    expect(result).toMatchObject({ ok: true, reply: { screen: 'NEXT' } });
  });
});

describe('runEndpointRequest: deadline', () => {
  it('fails with DEADLINE_EXCEEDED when the API never answers', async () => {
    const http = new HangingHttp();
    const result = await failureOf({
      program: openedThen({
        ...datesRequest,
        id: 'api',
        timeoutMs: 5_000,
        retries: 3,
      }),
      http,
    });
    expect(result.error).toMatchObject({
      code: 'DEADLINE_EXCEEDED',
      nodeId: 'api',
      fault: 'business_api',
    });
    expect(http.requests.map((request) => request.timeoutMs)).toEqual([3_000]);
  });

  it('shares the budget between calls and never gives one more than is left', async () => {
    const clock = new FakeClock();
    const http = new FakeHttp(() => json(200, { dates: [] }), clock, 1_200);
    const api = datesRequest;
    const result = await runEndpointRequest({
      program: program(
        [opened, { ...api, id: 'a' }, { ...api, id: 'b' }, { ...api, id: 'c' }],
        [
          { from: 'opened', to: 'a' },
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
        ],
      ),
      request: { action: 'INIT', screen: '', data: {}, flow_token: 'tok' },
      session: createSession('tok'),
      now: clock.now,
      ports: fakePorts(http, clock),
      options: { budgetMs: 2_000 },
    });
    expect(http.requests.map((request) => request.timeoutMs)).toEqual([1_000, 800]);
    expect(result).toMatchObject({ ok: false, error: { code: 'DEADLINE_EXCEEDED', nodeId: 'c' } });
  });
});
