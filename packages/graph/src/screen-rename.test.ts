import { defaultGoToScreenNode, defaultScreenSubmittedTrigger } from '@sanjay-flow/runtime';
import { describe, expect, it } from 'vitest';

import type { GraphDocument } from './document';
import { screenEdges } from './edges';
import { renameScreen } from './screen-rename';
import { screenNode, valueAt } from './screen-tree';

function flow(): GraphDocument {
  const footer = (next: string) => ({
    type: 'Footer',
    label: 'Next',
    'on-click-action': { name: 'navigate', next: { type: 'screen', name: next }, payload: {} },
  });

  return {
    schemaVersion: 1,
    flow: { version: '7.3', routing_model: { START: ['END'], END: [] } },
    nodes: [
      {
        kind: 'screen',
        id: 'START',
        position: { x: 0, y: 0 },
        screen: { id: 'START', layout: { type: 'SingleColumnLayout', children: [footer('END')] } },
      },
      {
        kind: 'screen',
        id: 'END',
        position: { x: 0, y: 0 },
        screen: {
          id: 'END',
          terminal: true,
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'TextBody', text: "`'Hi ' ${screen.START.form.name}`" },
              { type: 'TextBody', text: '${screen.STARTER.form.name}' },
            ],
          },
        },
      },
    ],
    logic: {
      nodes: [defaultScreenSubmittedTrigger('sent', 'END'), defaultGoToScreenNode('go', 'START')],
      edges: [{ from: 'sent', to: 'go' }],
      positions: {},
    },
  };
}

describe('renaming a screen', () => {
  it('follows the new id through navigation, routes, references and logic', () => {
    const result = renameScreen(flow(), 'START', 'SIGN_UP');
    expect(result.ok).toBe(true);
    const doc = result.ok ? result.doc : flow();

    expect(screenNode(doc, 'START').screen.id).toBe('SIGN_UP');
    expect(doc.flow.routing_model).toEqual({ SIGN_UP: ['END'], END: [] });
    expect(valueAt(screenNode(doc, 'END').screen, '/layout/children/0/text')).toBe(
      "`'Hi ' ${screen.SIGN_UP.form.name}`",
    );
    // Another screen whose id merely starts the same way is left alone.
    expect(valueAt(screenNode(doc, 'END').screen, '/layout/children/1/text')).toBe(
      '${screen.STARTER.form.name}',
    );
    expect(doc.logic?.nodes.map((node) => ('screen' in node ? node.screen : undefined))).toEqual([
      'END',
      'SIGN_UP',
    ]);

    const renamedEnd = renameScreen(doc, 'END', 'DONE');
    const edges = renamedEnd.ok ? screenEdges(renamedEnd.doc) : [];
    expect(edges.map((edge) => [edge.source, edge.target])).toEqual([['START', 'END']]);
    expect(
      renamedEnd.ok &&
        valueAt(
          screenNode(renamedEnd.doc, 'START').screen,
          '/layout/children/0/on-click-action/next/name',
        ),
    ).toBe('DONE');
  });

  it('refuses ids Flow JSON refuses and ids another screen has', () => {
    expect(renameScreen(flow(), 'START', 'STEP_1')).toEqual({
      ok: false,
      reason: 'A screen id takes letters and underscores only, e.g. SIGN_UP',
    });
    expect(renameScreen(flow(), 'START', 'END')).toMatchObject({ ok: false, reason: /already/ });
    expect(renameScreen(flow(), 'START', 'START')).toEqual({ ok: true, doc: flow() });
  });
});
