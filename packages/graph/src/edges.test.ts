import { describe, expect, it } from 'vitest';

import type { GraphDocument } from './document';
import { screenEdges } from './edges';
import { loadFixtureFlows } from './fixtures.test-helper';
import { importFlowJson } from './import';

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
      id: String(screen.id),
      position: { x: 0, y: 0 },
      screen,
    })),
  };
}

function layout(...children: unknown[]) {
  return { type: 'SingleColumnLayout', children };
}

describe('screenEdges', () => {
  it('draws one edge per navigate action, labelled by its trigger', () => {
    const edges = screenEdges(
      doc([
        {
          id: 'A',
          layout: layout(
            { type: 'EmbeddedLink', text: 'Terms', 'on-click-action': navigate('B') },
            { type: 'OptIn', name: 'ok', label: 'I agree', 'on-click-action': navigate('B') },
            {
              type: 'If',
              condition: '${form.ok}',
              then: [{ type: 'Footer', label: 'Continue', 'on-click-action': navigate('C') }],
              else: [{ type: 'Footer', label: 'Skip', 'on-click-action': navigate('Z') }],
            },
          ),
        },
        {
          id: 'B',
          layout: layout({
            type: 'NavigationList',
            name: 'menu',
            'list-items': [
              { id: '1', 'main-content': { title: 'Pizza' }, 'on-click-action': navigate('C') },
              { id: '2', 'main-content': { title: 'Pasta' } },
            ],
          }),
        },
        { id: 'C', layout: layout() },
      ]),
    );
    expect(
      edges.map(({ source, target, kind, label }) => `${source}>${target} ${kind} ${label}`),
    ).toEqual([
      'A>B navigate EmbeddedLink “Terms”',
      'A>B navigate OptIn read more',
      'A>C navigate Footer “Continue”',
      'B>C navigate NavigationList item “Pizza”',
    ]);
    expect(new Set(edges.map((edge) => edge.id)).size).toBe(edges.length);
  });

  it('adds routing_model entries that no navigate action draws', () => {
    const edges = screenEdges(
      doc(
        [
          {
            id: 'A',
            layout: layout({ type: 'Footer', label: 'Next', 'on-click-action': navigate('B') }),
          },
          { id: 'B', layout: layout() },
          { id: 'C', layout: layout() },
        ],
        { version: '7.3', routing_model: { A: ['B', 'C', 'GONE'], B: ['C', 'C'], GONE: ['A'] } },
      ),
    );
    expect(edges.map(({ source, target, kind }) => `${source}>${target} ${kind}`)).toEqual([
      'A>B navigate',
      'A>C route',
      'B>C route',
    ]);
  });

  it('finds the navigation of a real Flow', async () => {
    const flow = loadFixtureFlows().find((entry) => entry.name.endsWith('› sign_in'))?.flow;
    const edges = screenEdges(await importFlowJson(flow));
    expect(
      edges.map(({ source, target, kind, label }) => `${source}>${target} ${kind} ${label}`),
    ).toEqual([
      "SIGN_IN>SIGN_UP navigate EmbeddedLink “Don't have an account? Sign up”",
      'SIGN_IN>FORGOT_PASSWORD navigate EmbeddedLink “Forgot password”',
      'SIGN_UP>TERMS_AND_CONDITIONS navigate OptIn read more',
    ]);
  });
});
