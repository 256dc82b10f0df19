import { createHash } from 'node:crypto';

import type { EndpointAnswer } from './answer';

export const REPLAY_WINDOW_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  expiresAt: number;
  answer: Promise<EndpointAnswer>;
}

/**
 * Remembers the answer to each request body per session for a few minutes. The same
 * encrypted body again (a retry, or a replay) gets the same answer, byte for byte, and the
 * program does not run twice; a duplicate that arrives while the first is still running
 * waits for that one's answer.
 */
export function createReplayCache(now: () => number, windowMs = REPLAY_WINDOW_MS) {
  const entries = new Map<string, Entry>();
  const sweep = (at: number) => {
    for (const [key, entry] of entries) {
      if (entry.expiresAt > at && entries.size < MAX_ENTRIES) {
        break;
      }
      entries.delete(key);
    }
  };

  return {
    keyOf(sessionId: string, rawBody: Buffer): string {
      return `${sessionId}:${createHash('sha256').update(rawBody).digest('base64url')}`;
    },

    find(key: string): Promise<EndpointAnswer> | undefined {
      const entry = entries.get(key);

      return entry !== undefined && entry.expiresAt > now() ? entry.answer : undefined;
    },

    remember(key: string, answer: Promise<EndpointAnswer>): void {
      const at = now();
      sweep(at);
      entries.set(key, { expiresAt: at + windowMs, answer });
    },
  };
}

export type ReplayCache = ReturnType<typeof createReplayCache>;
