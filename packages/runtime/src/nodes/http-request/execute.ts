import { RuntimeError } from '../../errors';
import type { JsonObject, JsonValue } from '../../json';
import { isJsonObject, objectFromEntries, setOwn } from '../../json';
import type { HttpResponse } from '../../ports';
import type { StepContext, StepOutcome } from '../context';
import { evaluateIn, renderIn, templateValueIn } from '../context';
import { callWithRetries } from './attempt';
import type { HttpRequestNode } from './schema';

/** Responses larger than this are refused rather than parsed into the session. */
export const MAX_RESPONSE_CHARS = 1_000_000;

export async function executeHttpRequest(
  node: HttpRequestNode,
  context: StepContext,
): Promise<StepOutcome> {
  const url = renderIn(context, 'url', node.url, { encode: encodeURIComponent });
  const headers = Object.fromEntries(
    Object.entries(node.headers).map(([name, text]) => [
      name,
      renderIn(context, `headers.${name}`, text),
    ]),
  );
  const body =
    node.body === undefined || node.method === 'GET'
      ? undefined
      : JSON.stringify(renderBody(context, 'body', node.body));
  if (
    body !== undefined &&
    !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json';
  }
  const host = hostOf(url, node.id);
  const request = { method: node.method, url, headers, ...(body === undefined ? {} : { body }) };
  const result = await callWithRetries(
    {
      request,
      timeoutMs: node.timeoutMs,
      retries: node.retries,
      backoffMs: node.backoffMs,
      nodeId: node.id,
    },
    context.ports,
    context.deadline,
  );
  const detail: JsonObject = { method: node.method, host, attempts: result.attempts };
  if (!result.ok) {
    return failure(node, context, result.reason, { ...detail, status: result.status });
  }
  const response = parseResponse(result.response);
  if (response === undefined) {
    return failure(node, context, 'the response is not JSON or is too large', {
      ...detail,
      status: result.response.status,
    });
  }
  const written = applyMapping(node, context, response);

  return {
    kind: 'continue',
    detail: { ...detail, status: result.response.status, variables: Object.keys(written) },
    values: { url, response, variables: written },
  };
}

function hostOf(url: string, nodeId: string): string {
  if (!URL.canParse(url)) {
    throw new RuntimeError('NODE_FAILED', 'The rendered URL is not a valid URL', { nodeId });
  }

  return new URL(url).host;
}

function renderBody(context: StepContext, field: string, value: JsonValue): JsonValue {
  if (typeof value === 'string') {
    return templateValueIn(context, field, value);
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => renderBody(context, `${field}[${index}]`, item));
  }
  if (isJsonObject(value)) {
    return objectFromEntries(
      Object.entries(value).map(
        ([key, item]) => [key, renderBody(context, `${field}.${key}`, item)] as const,
      ),
    );
  }

  return value;
}

// `undefined` means unusable; an empty body reads as `null`.
function parseResponse(response: HttpResponse): JsonValue | undefined {
  if (response.body.length > MAX_RESPONSE_CHARS) {
    return undefined;
  }
  if (response.body.trim() === '') {
    return null;
  }
  try {
    return JSON.parse(response.body) as JsonValue;
  } catch {
    return undefined;
  }
}

function applyMapping(
  node: HttpRequestNode,
  context: StepContext,
  response: JsonValue,
): JsonObject {
  const written: JsonObject = {};
  for (const [index, mapping] of node.responseMapping.entries()) {
    const value = evaluateIn(context, `responseMapping[${index}]`, mapping.expression, response);
    setOwn(context.variables, mapping.variable, value);
    setOwn(written, mapping.variable, value);
  }

  return written;
}

function failure(
  node: HttpRequestNode,
  context: StepContext,
  reason: string,
  detail: JsonObject,
): StepOutcome {
  const hasErrorPort = context.program.edges.some(
    (edge) => edge.from === node.id && edge.port === 'error',
  );
  if (hasErrorPort) {
    return { kind: 'continue', port: 'error', detail: { ...detail, reason } };
  }

  throw new RuntimeError('HTTP_FAILED', `HTTP request failed: ${reason}`, {
    nodeId: node.id,
    details: { status: typeof detail.status === 'number' ? detail.status : null },
  });
}
