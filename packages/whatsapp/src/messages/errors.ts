import type { z } from 'zod';

export interface MessageRuleViolation {
  /** Where in the Graph API request body, e.g. `interactive.action.parameters.flow_cta`. */
  field: string;
  message: string;
}

/** An outgoing message that breaks one of Meta's rules; every violation names its field. */
export class MessageRuleError extends Error {
  override readonly name = 'MessageRuleError';

  constructor(readonly violations: readonly MessageRuleViolation[]) {
    super(violations.map((violation) => `${violation.field}: ${violation.message}`).join('; '));
  }
}

export function violationsOf(error: z.ZodError): MessageRuleViolation[] {
  return error.issues.map((issue) => ({
    field: issue.path.length === 0 ? '(message)' : issue.path.join('.'),
    message: issue.message,
  }));
}

/** Parses with the schema of the request body, or throws naming every broken rule. */
export function checkBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new MessageRuleError(violationsOf(parsed.error));
  }

  return parsed.data;
}
