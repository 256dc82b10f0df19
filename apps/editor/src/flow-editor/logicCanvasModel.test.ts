import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { toCanvas } from './canvasModel';
import { familyOf, portOfHandle, toLogicCanvasEdges, toLogicCanvasNodes } from './logicCanvasModel';

function documentWithLogic(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.1', routing_model: { ORDER: ['ORDER'] } },
    nodes: [
      {
        kind: 'screen',
        id: 'ORDER',
        position: { x: 0, y: 0 },
        screen: { id: 'ORDER', title: 'Order', data: { status: { type: 'string' } }, layout: {} },
      },
    ],
    logic: {
      nodes: [
        { id: 'sent', type: 'trigger.screen_submitted', screen: 'ORDER', action: 'check' },
        { id: 'known', type: 'condition', expression: 'payload.code !=' },
        {
          id: 'call',
          type: 'http_request',
          method: 'GET',
          url: 'https://api.example.com/',
          headers: {},
          timeoutMs: 1000,
          retries: 0,
          backoffMs: 0,
          responseMapping: [],
        },
        { id: 'show', type: 'go_to_screen', screen: 'ORDER', data: {} },
      ],
      edges: [
        { from: 'sent', to: 'known' },
        { from: 'known', to: 'call', port: 'true' },
        { from: 'call', to: 'show' },
      ],
      positions: { sent: { x: 10, y: 20 } },
    },
  };
}

describe('toLogicCanvasNodes', () => {
  it('draws each logic node as a card of its family with one exit per port', () => {
    const nodes = toLogicCanvasNodes(documentWithLogic());

    expect(nodes.map((node) => [node.id, node.type, node.data.exits])).toEqual([
      ['sent', 'trigger', ['next']],
      ['known', 'branch', ['true', 'false']],
      ['call', 'step', ['next', 'error']],
      ['show', 'end', []],
    ]);
    expect(nodes[0]?.position).toEqual({ x: 10, y: 20 });
    expect(nodes.map((node) => familyOf(node.data.node))).toEqual([
      'trigger',
      'branch',
      'step',
      'end',
    ]);
  });

  it('counts what would fail when the logic runs on the card that holds it', () => {
    const nodes = toLogicCanvasNodes(documentWithLogic());

    expect(nodes.find((node) => node.id === 'known')?.data.problems).toEqual([
      expect.stringMatching(/^expression: /),
    ]);
    expect(nodes.find((node) => node.id === 'show')?.data.problems).toEqual([
      "data.status: Screen 'ORDER' declares 'status', but this node does not map it",
    ]);
  });
});

describe('toLogicCanvasEdges', () => {
  it('draws logic edges by port and screen links with what triggers them', () => {
    const edges = toLogicCanvasEdges(documentWithLogic());

    expect(
      edges.map((edge) => [edge.id, edge.source, edge.sourceHandle, edge.target, edge.label]),
    ).toEqual([
      ['logic-screen:sent', 'ORDER', undefined, 'sent', 'submitted: check'],
      ['logic-screen:show', 'show', 'screen', 'ORDER', 'opens'],
      ['logic:sent:next', 'sent', 'next', 'known', undefined],
      ['logic:known:true', 'known', 'true', 'call', 'true'],
      ['logic:call:next', 'call', 'next', 'show', undefined],
    ]);
    expect(edges.filter((edge) => edge.deletable === false).map((edge) => edge.id)).toEqual([
      'logic-screen:sent',
      'logic-screen:show',
    ]);
  });

  it('reads the unnamed exit back from its handle', () => {
    expect([portOfHandle('next'), portOfHandle(null), portOfHandle('error')]).toEqual([
      undefined,
      undefined,
      'error',
    ]);
  });
});

describe('toCanvas', () => {
  it('puts screens and logic on one canvas', () => {
    const canvas = toCanvas(documentWithLogic());

    expect(canvas.nodes.map((node) => node.id)).toEqual(['ORDER', 'sent', 'known', 'call', 'show']);
  });
});
