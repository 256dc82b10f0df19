import { importFlowJson, type GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { compileForPanels } from '../json/compiledFlow';
import { countsByNode, flowProblems } from './flowProblems';

const flowJson = {
  version: '7.3',
  screens: [
    {
      id: 'FIRST',
      title: 'First',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextHeading', text: '' },
          { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } },
        ],
      },
    },
  ],
};

async function documentWithProblems(): Promise<GraphDocument> {
  const document = await importFlowJson(flowJson);

  return {
    ...document,
    nodes: document.nodes.map((node) => ({ ...node, id: 'first-node' })),
    logic: {
      nodes: [
        { id: 'opened', type: 'trigger.flow_opened' },
        { id: 'show', type: 'go_to_screen', screen: 'NOWHERE', data: {} },
      ],
      edges: [{ from: 'opened', to: 'show' }],
      positions: {},
    },
  };
}

describe('flowProblems', () => {
  it('lists Flow JSON problems at their node and component, then logic problems, errors first', async () => {
    const document = await documentWithProblems();
    const problems = flowProblems(document, compileForPanels(document));

    expect(problems[0]).toMatchObject({
      severity: 'error',
      code: 'MIN_CHARS_REQUIRED',
      where: 'FIRST › TextHeading[0]',
      place: { nodeId: 'first-node', pointer: '/layout/children/0', property: 'text' },
    });
    expect(problems.some((problem) => problem.place?.nodeId === 'show')).toBe(true);
    const severities = problems.map((problem) => problem.severity);
    expect(severities).toEqual([...severities].sort());
  });

  it('counts errors and warnings per node for the canvas marks', async () => {
    const document = await documentWithProblems();
    const counts = countsByNode(flowProblems(document, compileForPanels(document)));

    expect(counts['first-node']).toEqual({ errors: 1, warnings: 0 });
    expect(counts.show?.errors).toBeGreaterThan(0);
  });

  it('warns about a screen that refreshes on back without a trigger to answer it', async () => {
    const document = await documentWithProblems();
    const refreshing: GraphDocument = {
      ...document,
      nodes: document.nodes.map((node) =>
        node.kind === 'screen'
          ? { ...node, screen: { ...node.screen, refresh_on_back: true } }
          : node,
      ),
    };
    const answered: GraphDocument = {
      ...refreshing,
      logic: {
        nodes: [
          ...(refreshing.logic?.nodes ?? []),
          { id: 'back', type: 'trigger.back', screen: 'FIRST' },
        ],
        edges: refreshing.logic?.edges ?? [],
        positions: {},
      },
    };
    const backProblems = (doc: GraphDocument) =>
      flowProblems(doc, compileForPanels(doc)).filter(
        (problem) => problem.code === 'BACK_NOT_HANDLED',
      );

    expect(backProblems(document)).toEqual([]);
    expect(backProblems(refreshing)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        where: 'FIRST',
        place: { nodeId: 'first-node' },
      }),
    ]);
    expect(backProblems(answered)).toEqual([]);
  });

  it('warns about a save step on the path of the Flow-completed trigger', async () => {
    const document = await documentWithProblems();
    const withLogic = (edges: { from: string; to: string }[]): GraphDocument => ({
      ...document,
      logic: {
        nodes: [
          { id: 'completed', type: 'trigger.flow_completed' },
          { id: 'submitted', type: 'trigger.screen_submitted', screen: 'FIRST' },
          { id: 'save', type: 'save_submission', answers: {} },
        ],
        edges,
        positions: {},
      },
    });
    const saveProblems = (doc: GraphDocument) =>
      flowProblems(doc, compileForPanels(doc)).filter(
        (problem) => problem.code === 'SAVE_AFTER_COMPLETION',
      );

    expect(saveProblems(withLogic([{ from: 'completed', to: 'save' }]))).toEqual([
      expect.objectContaining({ severity: 'warning', place: { nodeId: 'save' } }),
    ]);
    expect(saveProblems(withLogic([{ from: 'submitted', to: 'save' }]))).toEqual([]);
  });
});
