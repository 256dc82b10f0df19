/**
 * Bounds that keep a hostile expression from exhausting the process: the parser refuses deep
 * nesting and long texts, and the evaluator refuses to build large strings or arrays.
 */
export const EXPRESSION_LIMITS = {
  maxTextLength: 4_000,
  maxDepth: 48,
  maxStringLength: 100_000,
  maxArrayLength: 10_000,
} as const;
