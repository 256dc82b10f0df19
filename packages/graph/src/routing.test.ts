import { buildSampleFlow, validateFlowJson } from '@sanjay-flow/flow-json';
import type { SampleFlowSpec } from '@sanjay-flow/flow-json';
import { describe, expect, it } from 'vitest';

import { compileGraph } from './compile';
import type { GraphDocument } from './document';
import { importFlowJson } from './import';
import { deriveRoutingModel, usesEndpoint } from './routing';

function navigate(target: string) {
  return { name: 'navigate', next: { type: 'screen', name: target }, payload: {} };
}

function doc(
  screens: Array<Record<string, unknown>>,
  flow: Record<string, unknown> = { version: '7.3' },
): GraphDocument {
  return {
    schemaVersion: 1,
    flow,
    nodes: screens.map((screen) => ({
      kind: 'screen',
      id: `node-${String(screen.id)}`,
      position: { x: 0, y: 0 },
      screen,
    })),
  };
}

const layout = (...children: unknown[]) => ({ type: 'SingleColumnLayout', children });
const exchange = {
  type: 'Footer',
  label: 'Send',
  'on-click-action': { name: 'data_exchange', payload: {} },
};

const endpointScreens = [
  {
    id: 'START',
    layout: layout(
      { type: 'EmbeddedLink', text: 'Help', 'on-click-action': navigate('HELP') },
      {
        type: 'NavigationList',
        name: 'menu',
        'list-items': [
          { id: 'a', 'main-content': { title: 'A' }, 'on-click-action': navigate('END') },
        ],
      },
      { type: 'Footer', label: 'Next', 'on-click-action': navigate('HELP') },
    ),
  },
  { id: 'HELP', layout: layout(exchange) },
  { id: 'END', terminal: true, layout: layout(exchange) },
];

describe('deriveRoutingModel', () => {
  it('lists every screen with its distinct navigate targets in document order', () => {
    expect(deriveRoutingModel(doc(endpointScreens))).toEqual({
      START: ['HELP', 'END'],
      HELP: [],
      END: [],
    });
  });

  it('leaves out self edges', () => {
    const screens = [
      {
        id: 'A',
        layout: layout({ type: 'Footer', label: 'Again', 'on-click-action': navigate('A') }),
      },
    ];
    expect(deriveRoutingModel(doc(screens))).toEqual({ A: [] });
  });
});

describe('compileGraph and the endpoint settings', () => {
  it('derives routing_model and adds data_api_version for a Flow that calls an endpoint', () => {
    const { flowJson } = compileGraph(doc(endpointScreens));
    expect(Object.keys(flowJson)).toEqual([
      'version',
      'data_api_version',
      'routing_model',
      'screens',
    ]);
    expect(flowJson.data_api_version).toBe('4.0');
    expect(flowJson.routing_model).toEqual({ START: ['HELP', 'END'], HELP: [], END: [] });
    expect(compileGraph(doc(endpointScreens, { version: '6.0' })).flowJson.data_api_version).toBe(
      '3.0',
    );
  });

  it('keeps the settings a document has', () => {
    const flow = { version: '7.3', data_api_version: '3.0', routing_model: { START: ['HELP'] } };
    const { flowJson } = compileGraph(doc(endpointScreens, flow));
    expect(flowJson.data_api_version).toBe('3.0');
    expect(flowJson.routing_model).toEqual({ START: ['HELP'] });
  });

  it('never invents endpoint settings for a Flow without endpoint use', () => {
    const screens = [
      {
        id: 'ONLY',
        terminal: true,
        refresh_on_back: false,
        layout: layout({ type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete' } }),
      },
    ];
    const { flowJson } = compileGraph(doc(screens));
    expect(Object.keys(flowJson)).toEqual(['version', 'screens']);
    expect(usesEndpoint(doc([{ id: 'A', refresh_on_back: true, layout: layout() }]))).toBe(true);
    const itemExchange = {
      type: 'RadioButtonsGroup',
      name: 'r',
      'data-source': [{ id: '1', title: 'One', 'on-select-action': { name: 'data_exchange' } }],
    };
    expect(
      usesEndpoint(
        doc([{ id: 'A', layout: layout({ type: 'Form', name: 'f', children: [itemExchange] }) }]),
      ),
    ).toBe(true);
  });

  it('derives a routing model the validator accepts for generated endpoint Flows', async () => {
    const spec: SampleFlowSpec = {
      version: '7.3',
      withEndpoint: true,
      screens: [0, 0, 0, 1, 1, 2, 5].map((parent) => ({
        parent,
        inputs: ['Dropdown', 'TextInput'],
        texts: ['Hello'],
        useForm: true,
        passData: true,
      })),
    };
    const flow = buildSampleFlow(spec);
    const written = flow.routing_model as Record<string, string[]>;
    delete flow.routing_model;
    const compiled = compileGraph(await importFlowJson(flow)).flowJson;
    const derived = compiled.routing_model as Record<string, string[]>;
    expect(Object.keys(derived)).toEqual(Object.keys(written));
    for (const [screen, targets] of Object.entries(written)) {
      expect([...(derived[screen] ?? [])].sort()).toEqual([...targets].sort());
    }
    expect(validateFlowJson(compiled).filter((problem) => problem.severity === 'error')).toEqual(
      [],
    );
  });
});
