import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'sflow_session';
/** The workspace a member of several last chose; a preference, not a credential. */
export const WORKSPACE_COOKIE = 'sflow_workspace';

/** The cookies of a request, by name (the first of duplicates wins). */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      continue;
    }
    const name = pair.slice(0, at).trim();
    const raw = pair
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!cookies.has(name)) {
      cookies.set(name, safeDecode(raw));
    }
  }

  return cookies;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * httpOnly (page scripts never read it), SameSite=Lax (other sites' forms and scripts do not
 * send it), Secure when the request came over HTTPS.
 */
export function setAuthCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  expires: Date,
): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires,
  });
}

export function clearAuthCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
