import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { compileGraph } from './compile';
import type { GraphDocument } from './document';

function screen(id: string) {
  return {
    kind: 'screen' as const,
    id,
    position: { x: 0, y: 0 },
    screen: { id, layout: { type: 'SingleColumnLayout', children: [] } },
  };
}

const doc: GraphDocument = {
  schemaVersion: 1,
  flow: {
    routing_model: { A: ['B'], B: [] },
    extra: true,
    version: '7.3',
    data_api_version: '4.0',
  },
  nodes: [screen('A'), screen('B')],
};

describe('compileGraph', () => {
  it('orders top-level keys: version, data_api_version, data_channel_uri, routing_model, screens, the rest', () => {
    const { flowJson, text } = compileGraph(doc);
    expect(Object.keys(flowJson)).toEqual([
      'version',
      'data_api_version',
      'routing_model',
      'screens',
      'extra',
    ]);
    expect(text.startsWith('{\n  "version": "7.3",\n  "data_api_version": "4.0",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('hashes the exact text with SHA-256', () => {
    const { text, contentHash } = compileGraph(doc);
    expect(contentHash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('is deterministic and leaves the document untouched', () => {
    const before = structuredClone(doc);
    const first = compileGraph(doc);
    first.flowJson.version = '2.1';
    expect(compileGraph(doc)).toEqual(compileGraph(structuredClone(doc)));
    expect(compileGraph(doc).contentHash).not.toBe('');
    expect(doc).toEqual(before);
  });

  it('changes the hash when a screen changes', () => {
    const changed = structuredClone(doc);
    const [, second] = changed.nodes;
    if (second) {
      second.screen.title = 'Thanks';
    }
    expect(compileGraph(changed).contentHash).not.toBe(compileGraph(doc).contentHash);
  });
});
