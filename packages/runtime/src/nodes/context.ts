import { z } from 'zod';

import { RuntimeError } from '../errors';
import type { ExpressionRoot, ExpressionScope } from '../expression';
import {
  evaluateExpression,
  evaluateTemplate,
  parseExpression,
  parseTemplate,
  renderTemplate,
} from '../expression';
import type { RenderOptions } from '../expression';
import type { JsonObject, JsonValue } from '../json';
import { objectFromEntries } from '../json';
import type { Customer, ServerEffect } from '../execute/run-server-event';
import type { Program } from '../program/schema';
import type { Effect, ScreenReply, SuccessReply } from '../protocol';
import type { RuntimePorts } from '../ports';

export const VariableNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'A variable name uses letters, digits and _ and starts with a letter or _',
  );

/** Key → expression, evaluated into an object with the same keys. */
export const MappingSchema = z.record(z.string(), z.string());
export type Mapping = z.infer<typeof MappingSchema>;

export const NodeBaseSchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
});

export interface Deadline {
  /** Milliseconds left in the request's budget; zero or less when it is spent. */
  remainingMs(): number;
}

/** What a step sees while it runs. `variables` is the working copy the step may change. */
export interface StepContext {
  program: Program;
  nodeId: string;
  payload: JsonObject;
  variables: JsonObject;
  flowToken: string;
  currentScreen: string | null;
  effects: Effect[];
  ports: RuntimePorts;
  now: () => number;
  deadline: Deadline;
  /** Present on server events (a message received): whom to answer and what to send. */
  server?: { customer: Customer; effects: ServerEffect[]; submissionId?: string };
}

export type StepOutcome =
  | { kind: 'continue'; port?: string; detail?: JsonObject; values?: JsonObject }
  | { kind: 'reply'; reply: ScreenReply | SuccessReply; detail?: JsonObject; values?: JsonObject };

export function scopeOf(context: StepContext, response?: JsonValue): ExpressionScope {
  return {
    payload: context.payload,
    vars: context.variables,
    flowToken: context.flowToken,
    screen: context.currentScreen,
    now: context.now,
    ...(response === undefined ? {} : { response }),
  };
}

function expressionError(
  context: StepContext,
  field: string,
  offset: number,
  message: string,
): RuntimeError {
  return new RuntimeError('EXPRESSION_ERROR', `${field}: ${message} (at offset ${offset})`, {
    nodeId: context.nodeId,
    details: { field, offset },
  });
}

export function evaluateIn(
  context: StepContext,
  field: string,
  text: string,
  response?: JsonValue,
): JsonValue {
  const roots: ExpressionRoot[] | undefined =
    response === undefined ? ['payload', 'vars', 'session', 'screen'] : undefined;
  const parsed = parseExpression(text, roots === undefined ? {} : { roots });
  if (!parsed.ok) {
    throw expressionError(context, field, parsed.error.offset, parsed.error.message);
  }
  const result = evaluateExpression(parsed.value, scopeOf(context, response));
  if (!result.ok) {
    throw expressionError(context, field, result.error.offset, result.error.message);
  }

  return result.value;
}

export function mapIn(context: StepContext, field: string, mapping: Mapping): JsonObject {
  return objectFromEntries(
    Object.entries(mapping).map(
      ([key, text]) => [key, evaluateIn(context, `${field}.${key}`, text)] as const,
    ),
  );
}

export function renderIn(
  context: StepContext,
  field: string,
  text: string,
  options: RenderOptions = {},
): string {
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    throw expressionError(context, field, parsed.error.offset, parsed.error.message);
  }
  const result = renderTemplate(parsed.value, scopeOf(context), options);
  if (!result.ok) {
    throw expressionError(context, field, result.error.offset, result.error.message);
  }

  return result.value;
}

/** Like `renderIn`, but a template that is a single placeholder keeps the value's type. */
export function templateValueIn(context: StepContext, field: string, text: string): JsonValue {
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    throw expressionError(context, field, parsed.error.offset, parsed.error.message);
  }
  const result = evaluateTemplate(parsed.value, scopeOf(context));
  if (!result.ok) {
    throw expressionError(context, field, result.error.offset, result.error.message);
  }

  return result.value;
}
