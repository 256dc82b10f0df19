import type { Problem } from '@sanjay-flow/flow-json';
import { describe, expect, it } from 'vitest';

import { locateProblem } from './locate';

const flowJson = {
  version: '7.1',
  routing_model: { FIRST: ['SECOND'], SECOND: [] },
  screens: [
    {
      id: 'FIRST',
      layout: { type: 'SingleColumnLayout', children: [{ type: 'TextHeading', text: 'Hi' }] },
    },
    {
      id: 'SECOND',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: 'form',
            children: [
              { type: 'TextInput', name: 'email', label: 'Email' },
              {
                type: 'Switch',
                value: '${data.kind}',
                cases: { a: [{ type: 'TextBody', text: 'A' }] },
              },
            ],
          },
        ],
      },
    },
  ],
};
const nodeIds = ['first-node', 'second-node'];

function at(pointer: string): Problem {
  return { pointer, code: 'TEST', message: 'wrong', severity: 'error' };
}

describe('locateProblem', () => {
  it('names the component and the property of a problem inside a Form', () => {
    expect(
      locateProblem(at('/screens/1/layout/children/0/children/0/label'), flowJson, nodeIds),
    ).toEqual({
      nodeId: 'second-node',
      pointer: '/layout/children/0/children/0',
      property: 'label',
    });
  });

  it('finds components inside the cases of a Switch', () => {
    expect(
      locateProblem(
        at('/screens/1/layout/children/0/children/1/cases/a/0/text'),
        flowJson,
        nodeIds,
      ),
    ).toEqual({
      nodeId: 'second-node',
      pointer: '/layout/children/0/children/1/cases/a/0',
      property: 'text',
    });
  });

  it('names the screen property of a problem outside any component', () => {
    expect(locateProblem(at('/screens/0/title'), flowJson, nodeIds)).toEqual({
      nodeId: 'first-node',
      property: 'title',
    });
  });

  it('maps a routing model entry to its screen and leaves Flow-wide problems unplaced', () => {
    expect(locateProblem(at('/routing_model/SECOND'), flowJson, nodeIds)).toEqual({
      nodeId: 'second-node',
    });
    expect(locateProblem(at('/version'), flowJson, nodeIds)).toBeNull();
  });
});
