import { z } from 'zod';

import { NodeBaseSchema, VariableNameSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { STEP_ROOTS } from '../sites';

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Finds the first row whose `keyColumn` equals the key (compared as text, since form values
 * arrive as strings) and copies columns into variables. Ports: `found`, `missing`.
 */
export const LookupTableNodeSchema = NodeBaseSchema.extend({
  type: z.literal('lookup_table'),
  key: z.string(),
  keyColumn: z.string().min(1),
  rows: z.array(z.record(z.string(), CellSchema)).max(10_000),
  mapping: z.array(z.object({ variable: VariableNameSchema, column: z.string().min(1) })),
});
export type LookupTableNode = z.infer<typeof LookupTableNodeSchema>;

export function defaultLookupTableNode(id: string): LookupTableNode {
  return {
    id,
    type: 'lookup_table',
    key: 'payload.code',
    keyColumn: 'code',
    rows: [],
    mapping: [],
  };
}

export function lookupTableSites(node: LookupTableNode): ExpressionSite[] {
  return [{ field: 'key', text: node.key, kind: 'expression', roots: STEP_ROOTS }];
}
