/** A counted call: `giveBack` uncounts it (it was refused after all). */
export type Take =
  { allowed: true; giveBack: () => void } | { allowed: false; retryAfterSeconds: number };

/** Calls counted per key in fixed windows, in this process's memory. */
export interface WindowCounter {
  /** The seconds to wait when the key's window is full; `undefined` when a call may go on. */
  refusal(key: string): number | undefined;
  /** Counts a call for the key, unless the key's window is full. */
  take(key: string): Take;
  /** How many keys are remembered. */
  size(): number;
}

interface Window {
  count: number;
  endsAt: number;
}

/**
 * `limit` calls per key and `windowMs`. A key's window starts with its first counted call. A
 * count given back leaves the window it was taken in (never a later one), and a window whose
 * every count was given back is forgotten: only keys with counted calls are remembered, and
 * keys whose window ended are forgotten at most once a window.
 */
export function createWindowCounter(
  limit: number,
  windowMs: number,
  now: () => number = Date.now,
): WindowCounter {
  const windows = new Map<string, Window>();
  let sweepAt = now() + windowMs;
  const sweep = (at: number) => {
    if (at < sweepAt) {
      return;
    }
    sweepAt = at + windowMs;
    for (const [key, window] of windows) {
      if (window.endsAt <= at) {
        windows.delete(key);
      }
    }
  };
  const current = (key: string, at: number): Window | undefined => {
    const window = windows.get(key);

    return window !== undefined && window.endsAt > at ? window : undefined;
  };
  const secondsLeft = (window: Window, at: number) =>
    Math.max(1, Math.ceil((window.endsAt - at) / 1000));

  return {
    refusal: (key) => {
      const at = now();
      const window = current(key, at);

      return window !== undefined && window.count >= limit ? secondsLeft(window, at) : undefined;
    },
    take: (key) => {
      const at = now();
      sweep(at);
      let window = current(key, at);
      if (window === undefined) {
        window = { count: 0, endsAt: at + windowMs };
        windows.set(key, window);
      }
      if (window.count >= limit) {
        return { allowed: false, retryAfterSeconds: secondsLeft(window, at) };
      }
      window.count += 1;
      const taken = window;

      return {
        allowed: true,
        giveBack: () => {
          taken.count -= 1;
          if (taken.count === 0 && windows.get(key) === taken) {
            windows.delete(key);
          }
        },
      };
    },
    size: () => windows.size,
  };
}
