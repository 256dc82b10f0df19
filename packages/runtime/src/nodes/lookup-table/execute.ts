import { toText } from '../../expression/values';
import type { JsonObject } from '../../json';
import { ownProperty, setOwn } from '../../json';
import type { StepContext, StepOutcome } from '../context';
import { evaluateIn } from '../context';
import type { LookupTableNode } from './schema';

export function executeLookupTable(node: LookupTableNode, context: StepContext): StepOutcome {
  const key = evaluateIn(context, 'key', node.key);
  const wanted = toText(key, 0);
  const row = node.rows.find((candidate) => {
    const cell = ownProperty(candidate, node.keyColumn);

    return cell !== undefined && toText(cell, 0) === wanted;
  });
  if (row === undefined) {
    return {
      kind: 'continue',
      port: 'missing',
      detail: { rows: node.rows.length },
      values: { key },
    };
  }
  const written: JsonObject = {};
  for (const { variable, column } of node.mapping) {
    const value = ownProperty(row, column) ?? null;
    setOwn(context.variables, variable, value);
    setOwn(written, variable, value);
  }

  return {
    kind: 'continue',
    port: 'found',
    detail: { rows: node.rows.length, variables: Object.keys(written) },
    values: { key, variables: written },
  };
}
