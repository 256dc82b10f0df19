import { checkProgram, createSession, runEndpointRequest } from '@sanjay-flow/runtime';
import type { HttpRequest, LogicNode, RuntimePorts } from '@sanjay-flow/runtime';
import { describe, expect, it } from 'vitest';

import type { GraphDocument } from './document';
import { GraphDocumentSchema } from './document';
import { GraphError } from './errors';
import { connectLogicNodes, connectionRefusal, disconnectLogicNodes } from './logic-connections';
import {
  LOGIC_NODE_TYPES,
  addLogicNode,
  moveLogicNodes,
  removeLogicNodes,
  updateLogicNode,
} from './logic-nodes';
import type { PaletteNodeType } from './logic-nodes';
import { checkLogicNode } from './logic-problems';
import { logicScreenLinks } from './logic-screens';
import { compileProgram } from './program';

function screen(id: string, data: Record<string, unknown>) {
  return {
    kind: 'screen' as const,
    id,
    position: { x: 0, y: 0 },
    screen: {
      id,
      title: id,
      data,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Footer',
            label: 'Send',
            'on-click-action': { name: 'data_exchange', payload: {} },
          },
        ],
      },
    },
  };
}

function orderDocument(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: {
      version: '7.1',
      data_api_version: '3.0',
      routing_model: { ORDER: ['CONFIRM'], CONFIRM: [] },
    },
    nodes: [screen('ORDER', {}), screen('CONFIRM', { status: { type: 'string' } })],
  };
}

function add(doc: GraphDocument, type: PaletteNodeType): { doc: GraphDocument; id: string } {
  return addLogicNode(doc, type, { x: 10, y: 20 });
}

function connected(doc: GraphDocument, from: string, to: string, port?: string): GraphDocument {
  const result = connectLogicNodes(doc, port === undefined ? { from, to } : { from, to, port });
  if (!result.ok) {
    throw new Error(result.reason);
  }

  return result.doc;
}

function nodeOf(doc: GraphDocument, id: string): LogicNode {
  const node = doc.logic?.nodes.find((candidate) => candidate.id === id);
  if (node === undefined) {
    throw new Error(`no node ${id}`);
  }

  return node;
}

/** submitted ORDER → http_request → go_to_screen CONFIRM, with the error port → show_error. */
function orderLogic() {
  let doc = orderDocument();
  const trigger = add(doc, 'trigger.screen_submitted');
  const http = add(trigger.doc, 'http_request');
  const goTo = add(http.doc, 'go_to_screen');
  const showError = add(goTo.doc, 'show_error');
  doc = showError.doc;
  doc = updateLogicNode(doc, {
    ...(nodeOf(doc, http.id) as Extract<LogicNode, { type: 'http_request' }>),
    url: 'https://shop.example/orders/{{ payload.code }}',
    responseMapping: [{ variable: 'status', expression: 'response.state' }],
  });
  doc = updateLogicNode(doc, {
    id: goTo.id,
    type: 'go_to_screen',
    screen: 'CONFIRM',
    data: { status: 'upper(vars.status)' },
  });
  doc = connected(doc, trigger.id, http.id);
  doc = connected(doc, http.id, goTo.id);
  doc = connected(doc, http.id, showError.id, 'error');

  return { doc, ids: { trigger: trigger.id, http: http.id, goTo: goTo.id, error: showError.id } };
}

function portsAnswering(status: number, body: string, seen: HttpRequest[]): RuntimePorts {
  return {
    http: {
      request: (request) => {
        seen.push(request);

        return Promise.resolve({ status, body });
      },
    },
    // Never resolves before the answer above, so no attempt times out.
    delay: (_ms, signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  };
}

describe('logic node edits', () => {
  it('adds nodes with their kind defaults, fresh ids and positions', () => {
    const first = add(orderDocument(), 'http_request');
    const second = add(first.doc, 'http_request');
    const goTo = add(second.doc, 'go_to_screen');

    expect([first.id, second.id, goTo.id]).toEqual([
      'http_request_1',
      'http_request_2',
      'go_to_screen_1',
    ]);
    expect(nodeOf(goTo.doc, goTo.id)).toEqual({
      id: 'go_to_screen_1',
      type: 'go_to_screen',
      screen: 'ORDER',
      data: {},
    });
    expect(goTo.doc.logic?.positions[second.id]).toEqual({ x: 10, y: 20 });
    expect(GraphDocumentSchema.safeParse(goTo.doc).success).toBe(true);
  });

  it('gives every kind of the palette defaults its schema accepts', () => {
    let doc = orderDocument();
    for (const type of LOGIC_NODE_TYPES) {
      doc = add(doc, type).doc;
    }

    expect(doc.logic?.nodes.map((node) => node.type)).toEqual([...LOGIC_NODE_TYPES]);
    expect(GraphDocumentSchema.safeParse(doc).error).toBeUndefined();
  });

  it('never gives a logic node the id of a screen node', () => {
    const doc = orderDocument();
    doc.nodes.push({ ...screen('condition_1', {}) });

    expect(add(doc, 'condition').id).toBe('condition_2');
  });

  it('refuses to change the kind or to update a node that does not exist', () => {
    const { doc, id } = add(orderDocument(), 'condition');

    expect(() => updateLogicNode(doc, { id, type: 'finish_flow', params: {} })).toThrow(GraphError);
    expect(() =>
      updateLogicNode(doc, { id: 'nope', type: 'condition', expression: 'true' }),
    ).toThrow(/No logic node/);
  });

  it('removes nodes with their edges and positions, and moves the rest', () => {
    const { doc, ids } = orderLogic();
    const removed = removeLogicNodes(doc, [ids.http]);
    const moved = moveLogicNodes(
      removed,
      new Map([
        [ids.goTo, { x: 5, y: 6 }],
        ['ORDER', { x: 99, y: 99 }],
      ]),
    );

    expect(removed.logic?.nodes.map((node) => node.id)).not.toContain(ids.http);
    expect(removed.logic?.edges).toEqual([]);
    expect(removed.logic?.positions[ids.http]).toBeUndefined();
    expect(moved.logic?.positions[ids.goTo]).toEqual({ x: 5, y: 6 });
    expect(moved.logic?.positions.ORDER).toBeUndefined();
    expect(doc.logic?.edges).toHaveLength(3);
  });
});

describe('logic connections', () => {
  it('refuses connections the runtime could not follow, with the reason', () => {
    const { doc, ids } = orderLogic();

    expect(connectionRefusal(doc, { from: ids.goTo, to: ids.http })).toMatch(/has no exit/);
    expect(connectionRefusal(doc, { from: ids.http, to: ids.trigger })).toMatch(
      /cannot be the target/,
    );
    expect(connectionRefusal(doc, { from: ids.http, to: ids.goTo, port: 'true' })).toMatch(
      /has no port 'true'/,
    );
    expect(connectionRefusal(doc, { from: ids.http, to: ids.error })).toMatch(/already leaves/);
    expect(connectionRefusal(doc, { from: 'ORDER', to: ids.http })).toMatch(/Only logic nodes/);
    const condition = add(doc, 'condition');
    expect(
      connectionRefusal(condition.doc, { from: condition.id, to: condition.id, port: 'true' }),
    ).toMatch(/itself/);
    expect(connectLogicNodes(doc, { from: ids.goTo, to: ids.http }).ok).toBe(false);
  });

  it('disconnects one port and leaves the others', () => {
    const { doc, ids } = orderLogic();
    const after = disconnectLogicNodes(doc, ids.http, 'error');

    expect(after.logic?.edges).toEqual([
      { from: ids.trigger, to: ids.http },
      { from: ids.http, to: ids.goTo },
    ]);
    expect(disconnectLogicNodes(after, ids.http, 'error')).toBe(after);
  });

  it('links screens to the triggers they start and the steps that open them', () => {
    const { doc, ids } = orderLogic();

    expect(logicScreenLinks(doc).map((link) => [link.source, link.target, link.label])).toEqual([
      ['ORDER', ids.trigger, 'submitted'],
      [ids.goTo, 'CONFIRM', 'opens'],
    ]);
  });
});

describe('checkLogicNode', () => {
  it('names the field the node schema refuses', () => {
    const check = checkLogicNode({ ...orderLogic().doc.logic?.nodes[1], url: 'ftp://x' });

    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { field: 'url', message: 'The URL starts with http:// or https:// and a literal host' },
    ]);
  });

  it('accepts a node whose expressions do not parse and reports where they stop', () => {
    const check = checkLogicNode({
      id: 'c',
      type: 'set_data',
      assignments: [{ variable: 'total', expression: 'vars.a +' }],
    });

    expect(check.ok).toBe(true);
    expect(check.problems).toEqual([
      {
        field: 'assignments[0]',
        offset: 8,
        message: 'Expected a value, found the end of the expression',
      },
    ]);
  });
});

describe('edited logic at the data endpoint', () => {
  it('compiles to a program the runtime runs along the edited edges', async () => {
    const { doc, ids } = orderLogic();
    const program = compileProgram(doc);
    const seen: HttpRequest[] = [];

    const result = await runEndpointRequest({
      program,
      request: {
        action: 'data_exchange',
        screen: 'ORDER',
        flow_token: 'token-1',
        data: { code: 'A/7' },
      },
      session: { ...createSession('token-1'), currentScreen: 'ORDER', history: ['ORDER'] },
      now: () => Date.UTC(2026, 0, 1),
      ports: portsAnswering(200, JSON.stringify({ state: 'shipped' }), seen),
    });

    expect(checkProgram(program)).toEqual([]);
    expect(seen.map((request) => request.url)).toEqual(['https://shop.example/orders/A%2F7']);
    expect(result.ok && result.reply).toEqual({ screen: 'CONFIRM', data: { status: 'SHIPPED' } });
    expect(result.log.map((entry) => entry.nodeId)).toEqual([ids.trigger, ids.http, ids.goTo]);
  });

  it('takes the error port the editor connected when the API fails', async () => {
    const { doc, ids } = orderLogic();

    const result = await runEndpointRequest({
      program: compileProgram(doc),
      request: { action: 'data_exchange', screen: 'ORDER', flow_token: 't', data: { code: '1' } },
      session: { ...createSession('t'), currentScreen: 'ORDER', history: ['ORDER'] },
      now: () => Date.UTC(2026, 0, 1),
      ports: portsAnswering(404, 'missing', []),
    });

    expect(result.ok && result.reply).toEqual({
      screen: 'ORDER',
      data: { error_message: 'Please check your answers and try again.' },
    });
    expect(result.log.at(-1)?.nodeId).toBe(ids.error);
  });
});
