import { describe, expect, it } from 'vitest';

import { GraphError } from './errors';
import { loadFixtureFlows } from './fixtures.test-helper';
import { importFlowJson } from './import';

function fixture(name: string): unknown {
  const found = loadFixtureFlows().find((entry) => entry.name === name);
  if (!found) {
    throw new Error(`no fixture ${name}`);
  }

  return found.flow;
}

describe('importFlowJson', () => {
  it('keeps top-level properties apart from the screens, in the given order', async () => {
    const graph = await importFlowJson(fixture('pywa_docs-examples_v2_1.flows.json › sign_in'));
    expect(graph.schemaVersion).toBe(1);
    expect(Object.keys(graph.flow)).toEqual([
      'version',
      'data_api_version',
      'data_channel_uri',
      'routing_model',
    ]);
    expect(graph.nodes.map((node) => node.id)).toEqual([
      'SIGN_IN',
      'SIGN_UP',
      'FORGOT_PASSWORD',
      'TERMS_AND_CONDITIONS',
    ]);
  });

  it('places screens left to right along their navigation', async () => {
    const graph = await importFlowJson(fixture('pywa_docs-examples_v2_1.flows.json › sign_in'));
    const x = Object.fromEntries(graph.nodes.map((node) => [node.id, node.position.x]));
    expect(x.SIGN_IN).toBeLessThan(x.SIGN_UP ?? 0);
    expect(x.SIGN_UP).toBeLessThan(x.TERMS_AND_CONDITIONS ?? 0);
    expect(x.SIGN_IN).toBeLessThan(x.FORGOT_PASSWORD ?? 0);
  });

  it('keeps unknown screen and top-level properties', async () => {
    const flow = {
      version: '7.3',
      future_setting: { a: 1 },
      screens: [
        {
          id: 'ONLY',
          terminal: true,
          'x-custom': [1, 2],
          layout: { type: 'SingleColumnLayout', children: [] },
        },
      ],
    };
    const graph = await importFlowJson(flow);
    expect(graph.flow).toEqual({ version: '7.3', future_setting: { a: 1 } });
    expect(graph.nodes[0]?.kind === 'screen' && graph.nodes[0].screen['x-custom']).toEqual([1, 2]);
  });

  it('does not share objects with its input', async () => {
    const flow = {
      version: '7.3',
      screens: [{ id: 'ONLY', layout: { type: 'SingleColumnLayout', children: [] } }],
    };
    const graph = await importFlowJson(flow);
    const [first] = flow.screens;
    if (first) {
      first.id = 'CHANGED';
    }
    expect(graph.nodes[0]?.kind === 'screen' && graph.nodes[0].screen.id).toBe('ONLY');
  });

  it('refuses documents without screens that have distinct text ids', async () => {
    await expect(importFlowJson([])).rejects.toBeInstanceOf(GraphError);
    await expect(importFlowJson({ version: '7.3' })).rejects.toMatchObject({
      code: 'INVALID_FLOW_JSON',
    });
    const duplicate = { version: '7.3', screens: [{ id: 'A' }, { id: 'A' }, { title: 'no id' }] };
    await expect(importFlowJson(duplicate)).rejects.toMatchObject({
      issues: [
        { pointer: '/screens/1/id', message: 'the screen id “A” is used twice' },
        { pointer: '/screens/2', message: 'a screen needs a text id to be imported' },
      ],
    });
  });
});
