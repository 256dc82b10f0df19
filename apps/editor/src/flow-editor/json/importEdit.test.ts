import { compileGraph, importFlowJson, type GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { importEditedText } from './importEdit';

const flowJson = {
  version: '7.1',
  screens: [
    {
      id: 'ONLY',
      title: 'Only',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextHeading', text: 'Hello' },
          { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } },
        ],
      },
    },
  ],
};

async function openDocument(): Promise<GraphDocument> {
  const document = await importFlowJson(flowJson);

  return {
    ...document,
    nodes: document.nodes.map((node) => ({
      ...node,
      id: 'screen-1',
      position: { x: 321, y: 123 },
    })),
    logic: { nodes: [{ id: 'opened', type: 'trigger.flow_opened' }], edges: [], positions: {} },
  };
}

describe('importEditedText', () => {
  it('reports text that is not JSON at its line and column, and applies nothing', async () => {
    const result = await importEditedText(
      await openDocument(),
      '{\n  "version": "7.1",\n  "screens": [}\n',
    );

    expect(result).toMatchObject({ ok: false, refusal: { line: 3, column: 15 } });
  });

  it('refuses a document without a list of screens, at the place it names', async () => {
    const result = await importEditedText(
      await openDocument(),
      '{\n  "version": "7.1",\n  "screens": {}\n}',
    );

    expect(result).toMatchObject({ ok: false, refusal: { line: 3, column: 14 } });
  });

  it('imports an edit: kept screens keep their node and place, new ones are laid out, logic stays', async () => {
    const current = await openDocument();
    const [screen] = structuredClone(flowJson).screens;
    if (screen === undefined) {
      throw new Error('the fixture has a screen');
    }
    const renamed = { ...screen, title: 'Renamed' };
    const edited = { ...flowJson, screens: [renamed, { ...renamed, id: 'EXTRA' }] };
    const text = `${JSON.stringify(edited, null, 2)}\n`;

    const result = await importEditedText(current, text);
    if (!result.ok) {
      throw new Error(result.refusal.message);
    }

    expect(result.document.nodes.map((node) => [node.id, node.position])).toEqual([
      ['screen-1', { x: 321, y: 123 }],
      ['EXTRA', expect.any(Object)],
    ]);
    expect(result.document.logic).toEqual(current.logic);
    expect(compileGraph(result.document).text).toBe(text);
  });
});
