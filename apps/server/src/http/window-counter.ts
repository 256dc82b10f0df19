/** Whether a call may go on, and when the caller may try again if not. */
export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Calls counted per key in fixed windows, in this process's memory. */
export interface WindowCounter {
  /** Counts a call for the key, unless the key's window is full. */
  take(key: string): Take;
  /** Uncounts a call `take` allowed (it was refused or never answered). */
  giveBack(key: string): void;
  /** How many keys are remembered. */
  size(): number;
}

interface Window {
  count: number;
  endsAt: number;
}

/**
 * `limit` calls per key and `windowMs`. A key's window starts with its first call; keys whose
 * window ended are forgotten at most once a window, so the map holds only recent keys.
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

  return {
    take: (key) => {
      const at = now();
      sweep(at);
      let window = windows.get(key);
      if (window === undefined || window.endsAt <= at) {
        window = { count: 0, endsAt: at + windowMs };
        windows.set(key, window);
      }
      if (window.count >= limit) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - at) / 1000)),
        };
      }
      window.count += 1;

      return { allowed: true };
    },
    giveBack: (key) => {
      const window = windows.get(key);
      if (window !== undefined && window.count > 0) {
        window.count -= 1;
      }
    },
    size: () => windows.size,
  };
}
