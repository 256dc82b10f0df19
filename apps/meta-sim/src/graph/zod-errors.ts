import type { z } from 'zod';

import { graphErrors } from './graph-error';
import type { GraphError } from './graph-error';

/** The first problem of a rejected body, worded like Meta: which parameter, and what is wrong. */
export function messageErrorFrom(error: z.ZodError, prefix = ''): GraphError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== '').join('.');
  if (issue?.code === 'invalid_type' && issue.input === undefined) {
    return graphErrors.missingMessageParameter(`The parameter ${path} is required.`);
  }

  return graphErrors.messageParameter(`${path}: ${issue?.message ?? 'invalid value'}`);
}
