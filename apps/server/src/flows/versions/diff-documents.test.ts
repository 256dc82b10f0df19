import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { diffDocuments } from './diff-documents';

function form(children: unknown[], extra: Record<string, unknown> = {}): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.3' },
    nodes: [
      {
        kind: 'screen',
        id: 'ASK',
        position: { x: 0, y: 0 },
        screen: { id: 'ASK', title: 'Ask', layout: { type: 'SingleColumnLayout', children } },
      },
    ],
    ...extra,
  };
}

const heading = { type: 'TextHeading', text: 'Hello' };
const email = { type: 'TextInput', name: 'email', label: 'Email' };
const phone = { type: 'TextInput', name: 'phone', label: 'Phone' };

describe('readable differences between documents', () => {
  it('names components by field name or by type, down to the property', () => {
    const before = form([heading, email]);
    const after = form([{ ...heading, text: 'Hi' }, { ...email, label: 'Your email' }, phone]);

    expect(diffDocuments(before, after)).toEqual([
      {
        change: 'changed',
        area: 'component',
        path: ['Screen “ASK”', 'TextHeading', 'text'],
        before: 'Hello',
        after: 'Hi',
      },
      {
        change: 'changed',
        area: 'component',
        path: ['Screen “ASK”', 'TextInput “email”', 'label'],
        before: 'Email',
        after: 'Your email',
      },
      {
        change: 'added',
        area: 'component',
        path: ['Screen “ASK”', 'TextInput “phone”'],
        after: phone,
      },
    ]);
  });

  it('finds components inside a Form, reordered components and removed ones', () => {
    const before = form([{ type: 'Form', name: 'f', children: [email, phone] }]);
    const after = form([{ type: 'Form', name: 'f', children: [phone] }]);
    const reordered = form([{ type: 'Form', name: 'f', children: [phone, email] }]);

    expect(diffDocuments(before, after)).toEqual([
      {
        change: 'removed',
        area: 'component',
        path: ['Screen “ASK”', 'TextInput “email”'],
        before: email,
      },
    ]);
    expect(diffDocuments(before, reordered)).toEqual([
      {
        change: 'changed',
        area: 'screen',
        path: ['Screen “ASK”', 'order of components'],
        before: ['Form “f”', 'TextInput “email”', 'TextInput “phone”'],
        after: ['Form “f”', 'TextInput “phone”', 'TextInput “email”'],
      },
    ]);
  });

  it('reports Flow settings, screens and logic, but not positions', () => {
    const before = form([heading]);
    const moved = {
      ...before,
      nodes: before.nodes.map((node) => ({ ...node, position: { x: 500, y: 500 } })),
    };
    const after: GraphDocument = {
      ...form([heading]),
      flow: { version: '7.3', data_api_version: '3.0' },
      logic: {
        nodes: [{ id: 'done', type: 'finish_flow', params: {} }],
        edges: [],
        positions: { done: { x: 0, y: 0 } },
      },
    };

    expect(diffDocuments(before, moved)).toEqual([]);
    expect(
      diffDocuments(before, after).map(({ change, area, path }) => [change, area, path]),
    ).toEqual([
      ['added', 'flow', ['Flow', 'data_api_version']],
      ['added', 'logic', ['Logic “done” (finish_flow)']],
    ]);
  });
});
