import { z } from 'zod';

import type { JsonValue } from '../../json';
import { JsonValueSchema, isJsonObject } from '../../json';
import { NodeBaseSchema, VariableNameSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { STEP_ROOTS } from '../sites';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The whole request must answer Meta within 10 s, so no single call may wait longer than this. */
export const MAX_HTTP_TIMEOUT_MS = 9_000;

/**
 * Calls the business's own API. `url`, header values and string leaves of `body` are templates;
 * placeholders in `url` are percent-encoded so a value cannot change the path or the host.
 * On success the walk continues on the default port; on failure on port `error` when the
 * program has that edge, otherwise the request fails with `HTTP_FAILED`.
 */
export const HttpRequestNodeSchema = NodeBaseSchema.extend({
  type: z.literal('http_request'),
  method: z.enum(HTTP_METHODS),
  url: z
    .string()
    .regex(
      /^https?:\/\/[^/{}?#]+([/?#]|$)/,
      'The URL starts with http:// or https:// and a literal host',
    ),
  // TODO: header values cannot reference stored secrets yet, so an API key sits in the program text.
  headers: z.record(z.string(), z.string()),
  body: JsonValueSchema.optional(),
  timeoutMs: z.number().int().min(1).max(MAX_HTTP_TIMEOUT_MS),
  retries: z.number().int().min(0).max(5),
  backoffMs: z.number().int().min(0).max(5_000),
  responseMapping: z.array(z.object({ variable: VariableNameSchema, expression: z.string() })),
});
export type HttpRequestNode = z.infer<typeof HttpRequestNodeSchema>;

export function defaultHttpRequestNode(id: string): HttpRequestNode {
  return {
    id,
    type: 'http_request',
    method: 'GET',
    url: 'https://api.example.com/',
    headers: {},
    timeoutMs: 2_000,
    retries: 1,
    backoffMs: 200,
    responseMapping: [],
  };
}

export function httpRequestSites(node: HttpRequestNode): ExpressionSite[] {
  const template = (field: string, text: string): ExpressionSite => ({
    field,
    text,
    kind: 'template',
    roots: STEP_ROOTS,
  });

  return [
    template('url', node.url),
    ...Object.entries(node.headers).map(([name, text]) => template(`headers.${name}`, text)),
    ...bodySites('body', node.body).map(([field, text]) => template(field, text)),
    ...node.responseMapping.map((mapping, index): ExpressionSite => ({
      field: `responseMapping[${index}]`,
      text: mapping.expression,
      kind: 'expression',
    })),
  ];
}

function bodySites(field: string, value: JsonValue | undefined): [string, string][] {
  if (typeof value === 'string') {
    return [[field, value]];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => bodySites(`${field}[${index}]`, item));
  }
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => bodySites(`${field}.${key}`, item));
  }

  return [];
}
