import { checkProgram, parseProgram } from '@sanjay-flow/runtime';
import { describe, expect, it } from 'vitest';

import { compileGraph } from './compile';
import type { GraphDocument } from './document';
import { GraphDocumentSchema } from './document';
import { GraphError } from './errors';
import { compileProgram } from './program';

function screen(id: string, data: Record<string, unknown>, next?: string) {
  const footer = next
    ? {
        type: 'Footer',
        label: 'Next',
        'on-click-action': { name: 'navigate', next: { type: 'screen', name: next }, payload: {} },
      }
    : {
        type: 'Footer',
        label: 'Send',
        'on-click-action': { name: 'data_exchange', payload: {} },
      };

  return {
    kind: 'screen' as const,
    id,
    position: { x: 0, y: 0 },
    screen: { id, title: id, data, layout: { type: 'SingleColumnLayout', children: [footer] } },
  };
}

const logic: NonNullable<GraphDocument['logic']> = {
  nodes: [
    { id: 'opened', type: 'trigger.flow_opened' },
    { id: 'show', type: 'go_to_screen', screen: 'START', data: { name: "'Ada'" } },
  ],
  edges: [{ from: 'opened', to: 'show' }],
  positions: { opened: { x: 0, y: 0 }, show: { x: 200, y: 0 } },
};

function documentWith(flow: Record<string, unknown>): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.1', data_api_version: '3.0', ...flow },
    nodes: [
      screen('START', { name: { type: 'string', __example__: 'Ada' } }, 'END'),
      screen('END', {}),
    ],
    logic,
  };
}

describe('compileProgram', () => {
  it('takes data models from the screens, routes from the routing model, and the logic as is', () => {
    const doc = documentWith({ routing_model: { START: ['END'], END: [] } });

    const program = compileProgram(doc);

    expect(program).toEqual({
      programVersion: 1,
      flowJsonVersion: '7.1',
      screens: {
        START: { data: { name: { type: 'string', __example__: 'Ada' } } },
        END: { data: {} },
      },
      routes: { START: ['END'], END: [] },
      nodes: logic.nodes,
      edges: logic.edges,
    });
    expect(parseProgram(program).ok).toBe(true);
    expect(checkProgram(program)).toEqual([]);
  });

  it('derives the routes from the navigation when the Flow declares none', () => {
    expect(compileProgram(documentWith({})).routes).toEqual({ START: ['END'], END: [] });
  });

  it('gives a program without nodes for a document without logic', () => {
    const { logic: _unused, ...withoutLogic } = documentWith({});

    expect(compileProgram(withoutLogic)).toMatchObject({ nodes: [], edges: [] });
  });

  it('names the screen whose data model the runtime cannot check', () => {
    const doc = documentWith({});
    doc.nodes[1] = screen('END', { total: { type: 'money' } });

    const error = (() => {
      try {
        compileProgram(doc);
      } catch (caught) {
        return caught;
      }

      return undefined;
    })();

    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).issues[0]?.pointer).toBe('/nodes/1/screen/data/total/type');
  });

  it('leaves the Flow JSON alone: logic changes nothing in compileGraph', () => {
    const doc = documentWith({ routing_model: { START: ['END'], END: [] } });
    const { logic: _unused, ...withoutLogic } = doc;

    expect(compileGraph(doc).text).toBe(compileGraph(withoutLogic).text);
    expect(GraphDocumentSchema.parse(doc).logic).toEqual(logic);
  });
});
