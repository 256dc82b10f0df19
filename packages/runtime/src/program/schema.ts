import { z } from 'zod';

import { LogicNodeSchema } from '../nodes/schema';
import { DataModelSchema } from './data-model';

export const PROGRAM_VERSION = 1;

export const ProgramEdgeSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  /** Which exit of `from` this edge leaves by; absent for a node's single exit. */
  port: z.string().min(1).optional(),
});
export type ProgramEdge = z.infer<typeof ProgramEdgeSchema>;

/**
 * The server-side part of a Flow's graph, compiled for the runtime. `screens` carries each
 * screen's declared data model so replies can be checked; `routes` is the Flow JSON
 * `routing_model`, which limits the screens a reply may move to.
 */
export const ProgramSchema = z.object({
  programVersion: z.literal(PROGRAM_VERSION),
  flowJsonVersion: z.string().min(1),
  screens: z.record(z.string(), z.object({ data: DataModelSchema })),
  routes: z.record(z.string(), z.array(z.string())),
  nodes: z.array(LogicNodeSchema),
  edges: z.array(ProgramEdgeSchema),
});
export type Program = z.infer<typeof ProgramSchema>;

export type ProgramParseResult =
  { ok: true; program: Program } | { ok: false; issues: z.core.$ZodIssue[] };

/** Reads a stored program. Older versions would be upgraded here, one pure step per version. */
export function parseProgram(value: unknown): ProgramParseResult {
  const parsed = ProgramSchema.safeParse(value);

  return parsed.success
    ? { ok: true, program: parsed.data }
    : { ok: false, issues: parsed.error.issues };
}
