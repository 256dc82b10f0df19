import { describe, expect, it } from 'vitest';

import { createTurns } from './turns';

/** Keeps the thread busy, as an RSA unwrap does. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('turns on the event loop', () => {
  it('let what became ready during one turn run before the next', async () => {
    const turn = createTurns();
    const order: string[] = [];
    const step = async (name: string) => {
      await turn();
      order.push(name);
      spin(20);
    };
    setTimeout(() => order.push('timer'), 5);

    await Promise.all([step('first'), step('second'), step('third')]);

    expect(order).toEqual(['first', 'timer', 'second', 'third']);
  });

  it('come in the order asked, also when asked during a turn', async () => {
    const turn = createTurns();
    const order: number[] = [];
    const step = async (index: number) => {
      await turn();
      order.push(index);
      if (index === 0) {
        void step(3);
      }
    };

    await Promise.all([step(0), step(1), step(2)]);
    await turn();

    expect(order).toEqual([0, 1, 2, 3]);
  });
});
