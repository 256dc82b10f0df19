import { describe, expect, it } from 'vitest';

import { layeredLayout, linksWorthLayingOut } from './layout';
import type { LayoutLink } from './layout';

const box = (id: string) => ({ id, width: 260, height: 100 });
const link = (source: string, target: string): LayoutLink => ({
  id: `${source}>${target}`,
  source,
  target,
});

describe('linksWorthLayingOut', () => {
  it('keeps a breadth-first spanning forest from the entry boxes', () => {
    const boxes = ['A', 'B', 'C', 'D', 'E'].map(box);
    const links = [
      link('A', 'B'),
      link('A', 'C'),
      link('B', 'D'),
      link('C', 'D'),
      link('D', 'B'),
      link('E', 'E'),
    ];

    expect(linksWorthLayingOut(boxes, links).map(({ id }) => id)).toEqual(['A>B', 'A>C', 'B>D']);
  });

  it('gives a screen joined to every other one link per box, without cycles', () => {
    const ids = Array.from({ length: 100 }, (_, index) => `S${index}`);
    const links = ids.flatMap((source) =>
      ids.filter((target) => target !== source).map((target) => link(source, target)),
    );
    const kept = linksWorthLayingOut(ids.map(box), links);

    expect(kept).toHaveLength(99);
    expect(new Set(kept.map(({ target }) => target)).size).toBe(99);
  });

  it('starts from boxes in a cycle when no box is an entry', async () => {
    const kept = linksWorthLayingOut(['A', 'B'].map(box), [link('A', 'B'), link('B', 'A')]);
    const positions = await layeredLayout(['A', 'B'].map(box), [link('A', 'B'), link('B', 'A')]);

    expect(kept.map(({ id }) => id)).toEqual(['A>B']);
    expect(positions.get('A')?.x).toBeLessThan(positions.get('B')?.x ?? 0);
  });
});
