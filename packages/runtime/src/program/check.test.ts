import { describe, expect, it } from 'vitest';

import { bookingProgram } from '../testing/booking.test-helper';
import { emptyProgram } from '../testing/fakes.test-helper';
import { checkProgram } from './check';
import { ProgramSchema, parseProgram } from './schema';

describe('checkProgram', () => {
  it('finds expression errors with the field and offset', () => {
    const program = emptyProgram({
      screens: { A: { data: {} } },
      nodes: [
        { id: 'c', type: 'condition', expression: 'vars.a >' },
        { id: 'g', type: 'go_to_screen', screen: 'A', data: { x: 'response.x' } },
        { id: 'e', type: 'show_error', message: 'Oops {{ vars.', data: {} },
      ],
    });
    expect(checkProgram(program)).toEqual([
      {
        nodeId: 'c',
        field: 'expression',
        offset: 8,
        message: 'Expected a value, found the end of the expression',
      },
      { nodeId: 'g', field: 'data.x', offset: 0, message: "'response' is not available here" },
      {
        nodeId: 'e',
        field: 'message',
        offset: 5,
        message: "Unclosed '{{' in template",
      },
    ]);
  });

  it('finds unknown screens, broken edges, wrong ports and duplicates', () => {
    const program = emptyProgram({
      nodes: [
        { id: 't', type: 'trigger.back', screen: 'GONE' },
        { id: 'c', type: 'condition', expression: 'true' },
        { id: 'c', type: 'finish_flow', params: {} },
      ],
      edges: [
        { from: 't', to: 'c' },
        { from: 't', to: 'c' },
        { from: 'c', to: 't', port: 'maybe' },
        { from: 'x', to: 'c' },
      ],
    });
    expect(checkProgram(program).map((problem) => problem.message)).toEqual([
      "Screen 'GONE' is not in the program",
      "Two nodes share the id 'c'",
      'More than one edge leaves by the default port',
      "'finish_flow' has no port 'maybe'",
      'A trigger cannot be the target of an edge',
      "An edge joins 'x' to 'c', but x does not exist",
    ]);
  });
});

describe('checkProgram: screen data', () => {
  it('finds declared keys that a reply node does not map', () => {
    const program = emptyProgram({
      screens: { A: { data: { name: { type: 'string' }, slots: { type: 'array' } } } },
      nodes: [
        { id: 'g', type: 'go_to_screen', screen: 'A', data: { name: "'x'" } },
        {
          id: 'e',
          type: 'show_error',
          screen: 'A',
          message: 'x',
          data: { name: "'x'", slots: '[]' },
        },
      ],
    });
    expect(checkProgram(program)).toEqual([
      {
        nodeId: 'g',
        field: 'data.slots',
        message: "Screen 'A' declares 'slots', but this node does not map it",
      },
    ]);
  });
});

describe('parseProgram', () => {
  it('reads a stored program and refuses other versions', () => {
    const stored: unknown = JSON.parse(JSON.stringify(bookingProgram));
    expect(parseProgram(stored)).toEqual({ ok: true, program: bookingProgram });
    expect(parseProgram({ ...bookingProgram, programVersion: 2 }).ok).toBe(false);
  });

  it('refuses a node kind it does not know', () => {
    const result = ProgramSchema.safeParse({
      ...bookingProgram,
      nodes: [{ id: 'x', type: 'trigger.message_received' }],
    });
    expect(result.success).toBe(false);
  });
});
