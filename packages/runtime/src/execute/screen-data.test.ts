import { describe, expect, it } from 'vitest';

import type { Program } from '../program/schema';
import { createSession } from '../protocol';
import type { Session } from '../protocol';
import { emptyProgram } from '../testing/fakes.test-helper';
import { keepScreenData, MAX_SCREEN_DATA_CHARS, screenDataOf } from './screen-data';

const program: Program = emptyProgram({
  screens: {
    FORM: { data: { name: { type: 'string' }, count: { type: 'number' } } },
    LIST: { data: { items: { type: 'array' } } },
    PLAIN: { data: {} },
  },
  routes: {},
  nodes: [],
  edges: [],
});

function shown(session: Session, screen: string, data: Record<string, unknown>): Session {
  const history = [...session.history, screen];

  return keepScreenData({ ...session, history, currentScreen: screen }, program, {
    screen,
    data: data as never,
  });
}

describe('the data kept for each screen', () => {
  it('keeps only the keys a screen declares, the newest data winning', () => {
    let session = shown(createSession('t'), 'FORM', { name: 'Ada', count: 1, secret: 'x' });
    session = shown(session, 'FORM', { name: 'Grace', count: 2 });

    expect(screenDataOf(session, program, 'FORM')).toEqual({ name: 'Grace', count: 2 });
  });

  it('forgets screens that left the history', () => {
    let session = shown(createSession('t'), 'FORM', { name: 'Ada', count: 1 });
    session = shown({ ...session, history: [] }, 'LIST', { items: [] });

    expect(session.screenData).toEqual({ LIST: { items: [] } });
    expect(screenDataOf(session, program, 'FORM')).toBeNull();
  });

  it('does not keep data larger than the limit, and needs none for a screen without data', () => {
    const items = ['x'.repeat(MAX_SCREEN_DATA_CHARS)];
    const session = shown(createSession('t'), 'LIST', { items });

    expect(screenDataOf(session, program, 'LIST')).toBeNull();
    expect(screenDataOf(session, program, 'PLAIN')).toEqual({});
    expect(screenDataOf(session, program, 'UNKNOWN')).toBeNull();
  });

  it('keeps a declared key named __proto__ as data', () => {
    const withProto = emptyProgram({
      screens: { ODD: { data: JSON.parse('{"__proto__": {"type": "string"}}') as never } },
      routes: {},
      nodes: [],
      edges: [],
    });
    const data = JSON.parse('{"__proto__": "kept"}') as never;
    const session = keepScreenData(
      { ...createSession('t'), history: ['ODD'], currentScreen: 'ODD' },
      withProto,
      { screen: 'ODD', data },
    );

    expect(Object.getPrototypeOf(session.screenData?.ODD)).toBe(Object.prototype);
    expect(JSON.stringify(session.screenData?.ODD)).toBe('{"__proto__":"kept"}');
  });
});
