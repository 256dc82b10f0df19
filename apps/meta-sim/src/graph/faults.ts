import { z } from 'zod';

import type { RateLimitScope } from './graph-error';

/** Every Graph API route by name, as fault injection addresses them. */
export const GRAPH_ROUTES = [
  'messages',
  'media.upload',
  'object.get',
  'object.delete',
  'encryption.upload',
  'encryption.get',
  'flows.create',
  'flows.list',
  'flow.update',
  'assets.upload',
  'assets.list',
  'flow.publish',
  'flow.deprecate',
  'templates.create',
] as const;

export type GraphRoute = (typeof GRAPH_ROUTES)[number];

/**
 * `rate_limit` and `server_error` answer without acting; `delay` acts, then answers after
 * `delayMs` (longer than the caller's timeout: the call "failed" but happened); `drop` acts,
 * then closes the connection without an answer.
 */
export const FaultSchema = z.object({
  route: z.union([z.enum(GRAPH_ROUTES), z.literal('*')]),
  kind: z.enum(['rate_limit', 'server_error', 'delay', 'drop']),
  count: z.number().int().min(1).max(1000).default(1),
  delayMs: z.number().int().min(0).max(600_000).default(15_000),
  /** Which limit a `rate_limit` names; by default the one Meta applies to that route. */
  scope: z.enum(['app', 'waba', 'phone', 'call', 'business']).optional(),
});

export type FaultInput = z.input<typeof FaultSchema>;

export interface Fault {
  route: GraphRoute | '*';
  kind: 'rate_limit' | 'server_error' | 'delay' | 'drop';
  remaining: number;
  delayMs: number;
  scope: RateLimitScope | undefined;
}

export interface Faults {
  add(input: FaultInput): Fault;
  /** The fault for this call, if one is armed; counts it down. */
  take(route: GraphRoute): Fault | undefined;
  clear(): void;
  list(): readonly Fault[];
}

export function createFaults(): Faults {
  let faults: Fault[] = [];

  return {
    add(input) {
      const parsed = FaultSchema.parse(input);
      const fault: Fault = {
        route: parsed.route,
        kind: parsed.kind,
        remaining: parsed.count,
        delayMs: parsed.delayMs,
        scope: parsed.scope,
      };
      faults.push(fault);

      return fault;
    },
    take(route) {
      const fault = faults.find((f) => f.route === route || f.route === '*');
      if (fault === undefined) {
        return undefined;
      }
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);

      return fault;
    },
    clear() {
      faults = [];
    },
    list: () => faults,
  };
}
