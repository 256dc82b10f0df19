import { describe, expect, it } from 'vitest';

import { GraphError } from './errors';
import { runUpgradeSteps, upgradeGraphDocument } from './upgrade';
import type { UpgradeStep } from './upgrade';

const current = {
  schemaVersion: 1,
  flow: { version: '7.3' },
  nodes: [{ kind: 'screen', id: 'A', position: { x: 1, y: 2 }, screen: { id: 'A', layout: {} } }],
};

describe('runUpgradeSteps', () => {
  // Two made-up steps: v1 stored `screens`, v2 renamed it to `items`, v3 added `notes`.
  const steps: Record<number, UpgradeStep> = {
    1: ({ screens, ...rest }) => ({ ...rest, items: screens }),
    2: (document) => ({ ...document, notes: [] }),
  };

  it('runs each step from the stored version up to the target, in order', () => {
    const v1 = { schemaVersion: 1, screens: ['A'] };
    expect(runUpgradeSteps(v1, steps, 3)).toEqual({ schemaVersion: 3, items: ['A'], notes: [] });
    expect(runUpgradeSteps({ schemaVersion: 2, items: [] }, steps, 3)).toEqual({
      schemaVersion: 3,
      items: [],
      notes: [],
    });
    expect(v1).toEqual({ schemaVersion: 1, screens: ['A'] });
  });

  it('leaves a current document as it is', () => {
    expect(runUpgradeSteps({ schemaVersion: 3, items: [] }, steps, 3)).toEqual({
      schemaVersion: 3,
      items: [],
    });
  });

  it('refuses documents from a newer product, missing steps and bad versions', () => {
    expect(() => runUpgradeSteps({ schemaVersion: 4 }, steps, 3)).toThrow(/newer version/);
    expect(() => runUpgradeSteps({ schemaVersion: 1 }, {}, 2)).toThrow(
      /No upgrade is known from schema version 1/,
    );
    expect(() => runUpgradeSteps({ schemaVersion: '1' }, steps, 3)).toThrow(GraphError);
    expect(() => runUpgradeSteps(null, steps, 3)).toThrow(GraphError);
  });
});

describe('upgradeGraphDocument', () => {
  it('reads a current document', () => {
    expect(upgradeGraphDocument(current)).toEqual(current);
  });

  it('reports where a document is malformed', () => {
    const broken = { ...current, nodes: [{ ...current.nodes[0], position: { x: 'left', y: 0 } }] };
    expect(() => upgradeGraphDocument(broken)).toThrow(GraphError);
    try {
      upgradeGraphDocument(broken);
    } catch (caught) {
      expect(caught).toMatchObject({
        code: 'INVALID_GRAPH_DOCUMENT',
        issues: [{ pointer: '/nodes/0/position/x' }],
      });
    }
  });

  it('refuses unknown node kinds and future schema versions', () => {
    expect(() => upgradeGraphDocument({ ...current, nodes: [{ kind: 'robot', id: 'R' }] })).toThrow(
      GraphError,
    );
    expect(() => upgradeGraphDocument({ ...current, schemaVersion: 2 })).toThrow(/newer version/);
  });
});
