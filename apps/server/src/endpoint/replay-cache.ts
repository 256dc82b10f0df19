import { createHash } from 'node:crypto';

import type { EndpointAnswer } from './answer';

export const REPLAY_WINDOW_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  expiresAt: number;
  answer: Promise<EndpointAnswer>;
}

/**
 * A request's fingerprint: its Flow, its flow token and the exact encrypted body. Meta
 * encrypts every request under a fresh key, so only a retry or a replay repeats one.
 */
export function fingerprintOf(flowId: string, flowToken: string, rawBody: Buffer): string {
  return createHash('sha256')
    .update(`${flowId}\n${flowToken}\n`)
    .update(rawBody)
    .digest('base64url');
}

/**
 * This process's memory of the answers to recent requests, by fingerprint: the fast path in
 * front of the database's `endpoint_replay` records. A duplicate that arrives while the first
 * is still running here waits for that one's answer. Bounded: the oldest entries go first.
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
    find(fingerprint: string): Promise<EndpointAnswer> | undefined {
      const entry = entries.get(fingerprint);

      return entry !== undefined && entry.expiresAt > now() ? entry.answer : undefined;
    },

    forget(fingerprint: string): void {
      entries.delete(fingerprint);
    },

    remember(fingerprint: string, answer: Promise<EndpointAnswer>): void {
      const at = now();
      sweep(at);
      entries.set(fingerprint, { expiresAt: at + windowMs, answer });
    },
  };
}

export type ReplayCache = ReturnType<typeof createReplayCache>;
