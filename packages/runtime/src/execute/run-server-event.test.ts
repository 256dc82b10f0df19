import { describe, expect, it } from 'vitest';

import type { PatternPort } from '../nodes/trigger-message-received/execute';
import { FakeClock, emptyProgram, fakePorts, unusedHttp } from '../testing/fakes.test-helper';
import type { ServerEvent } from './run-server-event';
import { findServerTrigger, runServerEvent } from './run-server-event';

const patterns: PatternPort = {
  test: (pattern, text) => new RegExp(pattern, 'iu').test(text),
};

function event(text: string | null): ServerEvent {
  return {
    kind: 'message_received',
    customer: { waId: '16505551234' },
    message: {
      id: 'wamid.A',
      type: text === null ? 'image' : 'text',
      text,
      timestamp: '1700000000',
    },
    profileName: 'Ana',
  };
}

const program = emptyProgram({
  nodes: [
    { id: 'any', type: 'trigger.message_received', match: { kind: 'any' } },
    { id: 'kw', type: 'trigger.message_received', match: { kind: 'keyword', keywords: ['book'] } },
    {
      id: 'hello',
      type: 'send_message',
      message: { kind: 'text', body: 'Hello {{ payload.name }}, say "book" to start.' },
    },
    {
      id: 'vars',
      type: 'set_data',
      assignments: [{ variable: 'asked', expression: 'payload.text' }],
    },
    {
      id: 'flow',
      type: 'send_message',
      message: {
        kind: 'flow',
        flowId: 'f1',
        cta: 'Book',
        body: 'Pick a slot',
        data: { asked: 'vars.asked' },
      },
    },
  ],
  edges: [
    { from: 'any', to: 'hello' },
    { from: 'kw', to: 'vars' },
    { from: 'vars', to: 'flow' },
  ],
});

function run(text: string | null, overrides = {}) {
  const clock = new FakeClock();

  return runServerEvent({
    program: { ...program, ...overrides },
    event: event(text),
    now: clock.now,
    ports: { ...fakePorts(unusedHttp, clock), patterns },
  });
}

describe('runServerEvent', () => {
  it('runs the most specific trigger and returns its messages as effects', async () => {
    const result = await run('I want to book');
    expect(result).toMatchObject({ ok: true, matched: true, triggerId: 'kw' });
    expect(result.ok && result.matched ? result.effects : []).toEqual([
      {
        kind: 'send_message',
        nodeId: 'flow',
        to: { waId: '16505551234' },
        message: {
          kind: 'flow',
          flowId: 'f1',
          cta: 'Book',
          body: 'Pick a slot',
          data: { asked: 'I want to book' },
          mode: 'published',
        },
      },
    ]);
  });

  it('falls back to the any trigger for other messages, including ones without text', async () => {
    const result = await run(null);
    expect(result).toMatchObject({ ok: true, matched: true, triggerId: 'any' });
    expect(result.ok && result.matched ? result.effects[0] : null).toMatchObject({
      message: { kind: 'text', body: 'Hello Ana, say "book" to start.' },
    });
  });

  it('reports no match when no trigger takes the message', async () => {
    const keywordOnly = { nodes: program.nodes.filter((node) => node.id !== 'any') };
    expect(await run('hello', keywordOnly)).toEqual({ ok: true, matched: false, log: [] });
  });

  it('fails on a step that answers the data endpoint, with nothing to carry out', async () => {
    const result = await run('hi', {
      nodes: [
        { id: 'any', type: 'trigger.message_received', match: { kind: 'any' } },
        { id: 'done', type: 'finish_flow', params: {} },
      ],
      edges: [{ from: 'any', to: 'done' }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NODE_FAILED', nodeId: 'done' } });
  });

  it('skips a trigger whose pattern the engine refuses', () => {
    const refusing: PatternPort = {
      test: () => {
        throw new Error('bad pattern');
      },
    };
    const withPattern = emptyProgram({
      nodes: [
        { id: 'p', type: 'trigger.message_received', match: { kind: 'pattern', pattern: '(' } },
        { id: 'any', type: 'trigger.message_received', match: { kind: 'any' } },
      ],
    });
    expect(findServerTrigger(withPattern, event('x'), refusing)?.node.id).toBe('any');
  });
});
