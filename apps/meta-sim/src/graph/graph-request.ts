import type { Request } from 'express';

import { graphErrors } from './graph-error';

export interface UploadedFile {
  bytes: Buffer;
  type: string;
  name: string;
}

/** One Graph API call, its parameters merged the way Meta reads them (body over query). */
export interface GraphRequest {
  /** The object id in the path (`/{id}/...`). */
  id: string;
  token: string;
  params: Record<string, unknown>;
  files: Map<string, UploadedFile>;
}

/**
 * Graph takes parameters in the query string, a JSON body, a form body or multipart; files
 * only in multipart. Multipart arrives raw and is read with the platform's own parser.
 */
export async function readGraphRequest(req: Request): Promise<GraphRequest> {
  const params: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
  const files = new Map<string, UploadedFile>();
  if (Buffer.isBuffer(req.body)) {
    const form = await readMultipart(req.body, req.headers['content-type'] ?? '');
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        params[key] = value;
      } else {
        files.set(key, {
          bytes: Buffer.from(await value.arrayBuffer()),
          type: value.type,
          name: value.name,
        });
      }
    }
  } else if (typeof req.body === 'object' && req.body !== null) {
    Object.assign(params, req.body as Record<string, unknown>);
  }

  return { id: String(req.params.id ?? ''), token: bearerToken(req, params), params, files };
}

async function readMultipart(body: Buffer, contentType: string): Promise<FormData> {
  try {
    return await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw graphErrors.badParameter('The multipart body could not be read.');
  }
}

function bearerToken(req: Request, params: Record<string, unknown>): string {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] ?? params.access_token;
  delete params.access_token;
  if (typeof token !== 'string' || token === '') {
    throw graphErrors.missingToken();
  }

  return token;
}

/** A string parameter, or `undefined` when absent; anything else is a bad parameter. */
export function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw graphErrors.badParameter(`The parameter ${name} must be a string.`);
  }

  return value;
}

/** Form bodies carry booleans and arrays as text: `"true"`, `'["OTHER"]'`. */
export function booleanParam(params: Record<string, unknown>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw graphErrors.badParameter(`The parameter ${name} must be true or false.`);
}

export function jsonArrayParam(
  params: Record<string, unknown>,
  name: string,
): unknown[] | undefined {
  const value = params[name];
  if (value === undefined || Array.isArray(value)) {
    return value;
  }
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) {
        return parsed as unknown[];
      }
    } catch {
      // Reported below, with the parameter's name.
    }
  }
  throw graphErrors.badParameter(`The parameter ${name} must be a JSON array.`);
}
