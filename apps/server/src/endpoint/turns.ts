/**
 * Turns on the event loop, one per loop iteration: `await turn()` resolves when the caller's
 * turn comes, in the order asked. The data endpoint takes a turn before each request's RSA
 * unwrap (a third of a millisecond of CPU). Without turns, a burst of requests unwraps all its
 * keys in one go while a database's answers wait unread; with them, the loop reads what
 * arrived between two unwraps, so each call's statements come back sooner.
 */
export function createTurns(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const next = (): void => {
    waiting.shift()?.();
    scheduled = waiting.length > 0;
    if (scheduled) {
      setImmediate(next);
    }
  };

  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
}
