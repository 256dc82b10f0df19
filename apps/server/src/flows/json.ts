import type { Prisma } from '@sanjay-flow/db';

/**
 * Graph documents and compiled Flow JSON are JSON by construction: parsed from text or
 * checked by zod before they get here. Prisma's JSON input type cannot see that through
 * `Record<string, unknown>`, so this is the one place that says so.
 */
export function asJson(value: object): Prisma.InputJsonValue {
  return value;
}
