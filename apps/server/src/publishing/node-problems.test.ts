import { compileGraph, importFlowJson } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { metaNodeProblems, pointerOfPath } from './node-problems';
import { twoScreenFlowJson } from './publishing.test-helper';

describe("placing Meta's validation errors on graph nodes", () => {
  it("reads Meta's path notation as a JSON pointer", () => {
    expect(pointerOfPath('screens[1].layout.children[0].text')).toBe(
      '/screens/1/layout/children/0/text',
    );
    expect(pointerOfPath('screens')).toBe('/screens');
  });

  it('finds the node and component from the line and column alone', async () => {
    const graph = await importFlowJson(JSON.parse(twoScreenFlowJson()) as never);
    const { text } = compileGraph(graph);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"label": "Name"')) + 1;
    const column = (lines[line - 1]?.indexOf('"Name"') ?? 0) + 1;

    const [problem] = metaNodeProblems(graph, text, [
      {
        error: 'INVALID_PROPERTY_VALUE',
        message: 'bad label',
        line_start: line,
        column_start: column,
      },
    ]);

    expect(problem).toMatchObject({
      pointer: '/screens/0/layout/children/1/label',
      nodeId: 'ASK',
      componentPointer: '/layout/children/1/label',
      line,
      column,
    });
  });

  it('keeps an error about the whole Flow off the nodes', async () => {
    const graph = await importFlowJson(JSON.parse(twoScreenFlowJson()) as never);
    const [problem] = metaNodeProblems(graph, compileGraph(graph).text, [
      { error: 'INVALID_FLOW_JSON', message: 'whole' },
    ]);

    expect(problem).toEqual({
      source: 'meta',
      code: 'INVALID_FLOW_JSON',
      message: 'whole',
      pointer: '',
    });
  });
});
