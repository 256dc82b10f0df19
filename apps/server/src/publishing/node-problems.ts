import { parseJsonText, parsePointer, pointerTo } from '@sanjay-flow/flow-json';
import type { Problem } from '@sanjay-flow/flow-json';
import { screenNodes } from '@sanjay-flow/graph';
import type { GraphDocument } from '@sanjay-flow/graph';
import type { FlowValidationError } from '@sanjay-flow/whatsapp';
import { z } from 'zod';

/**
 * A validation error placed on the canvas: the graph node (a screen) it belongs to and the
 * pointer of the component inside that screen's JSON, with its place in the published text.
 */
export const NodeProblemSchema = z.object({
  source: z.enum(['local', 'meta']),
  code: z.string(),
  message: z.string(),
  /** JSON pointer in the Flow JSON: `/screens/1/layout/children/0`. */
  pointer: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** The screen node's id in the graph; absent for errors about the whole Flow. */
  nodeId: z.string().optional(),
  /** The pointer inside that screen: `/layout/children/0`. */
  componentPointer: z.string().optional(),
});
export type NodeProblem = z.infer<typeof NodeProblemSchema>;

/** The product's own validation problems (errors only), placed on their nodes. */
export function localNodeProblems(doc: GraphDocument, problems: readonly Problem[]): NodeProblem[] {
  return problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => ({
      source: 'local' as const,
      code: problem.code,
      message: problem.message,
      pointer: problem.pointer,
      ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column ?? 1 }),
      ...placeOnNode(doc, problem.pointer),
    }));
}

/**
 * Meta's validation errors, placed on their nodes. Meta's `pointers[].path` is used when
 * given; otherwise the line and column are looked up in the exact text that was uploaded
 * (the compiler's output is deterministic, so the text and the graph agree).
 */
export function metaNodeProblems(
  doc: GraphDocument,
  uploadedText: string,
  errors: readonly FlowValidationError[],
): NodeProblem[] {
  const locate = pointerLocator(uploadedText);

  return errors.map((error) => {
    const path = error.pointers?.find((p) => p.path !== undefined)?.path;
    const line = error.line_start ?? error.pointers?.[0]?.line_start;
    const column = error.column_start ?? error.pointers?.[0]?.column_start ?? 1;
    const pointer =
      path === undefined ? (line === undefined ? '' : locate(line, column)) : pointerOfPath(path);

    return {
      source: 'meta' as const,
      code: error.error,
      message: error.message,
      pointer,
      ...(line === undefined ? {} : { line, column }),
      ...placeOnNode(doc, pointer),
    };
  });
}

/** `screens[0].layout.children[1]` (Meta's notation) → `/screens/0/layout/children/1`. */
export function pointerOfPath(path: string): string {
  const tokens = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2] ?? '');

  return pointerTo(...tokens);
}

function placeOnNode(
  doc: GraphDocument,
  pointer: string,
): { nodeId?: string; componentPointer?: string } {
  const [root, index, ...rest] = parsePointer(pointer);
  if (root !== 'screens' || index === undefined || !/^\d+$/.test(index)) {
    return {};
  }
  // The compiler writes screens in the order of the graph's screen nodes.
  const node = screenNodes(doc)[Number(index)];

  return node === undefined ? {} : { nodeId: node.id, componentPointer: pointerTo(...rest) };
}

/** The pointer of the innermost value that starts at or before a line and column. */
function pointerLocator(text: string): (line: number, column: number) => string {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return () => '';
  }
  const starts = allPointers(parsed.value)
    .map((pointer) => ({ pointer, at: parsed.positionOf(pointer) }))
    .filter((entry) => entry.at !== undefined);

  return (line, column) => {
    let best = '';
    let bestAt = { line: 0, column: 0 };
    for (const { pointer, at } of starts) {
      if (at === undefined || before({ line, column }, at) || before(at, bestAt)) {
        continue;
      }
      best = pointer;
      bestAt = at;
    }

    return best;
  };
}

function before(a: { line: number; column: number }, b: { line: number; column: number }) {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function allPointers(value: unknown, pointer = ''): string[] {
  const children =
    value !== null && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
          allPointers(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
        )
      : [];

  return [pointer, ...children];
}
