/**
 * The signed-in session, over the server's `/auth` routes (plain JSON, not tRPC: they set and
 * clear the session cookie). The CSRF token lives only in memory: every change the editor asks
 * for echoes it in a header, which a page of another site cannot do.
 */
export interface WorkspaceChoice {
  id: string;
  name: string;
  role: 'owner' | 'editor' | 'viewer';
}

export interface SessionView {
  user: { id: string; email: string; hasPassword: boolean };
  workspace: WorkspaceChoice | null;
  workspaces: WorkspaceChoice[];
  csrfToken: string;
}

/** Fired when the server answers 401: the session ended, show the sign-in page. */
export const SIGNED_OUT_EVENT = 'sflow:signed-out';

export class AuthRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AuthRequestError';
  }
}

let csrfToken: string | null = null;

export function csrfHeaders(): Record<string, string> {
  return csrfToken === null ? {} : { 'x-csrf-token': csrfToken };
}

function remember(view: SessionView): SessionView {
  csrfToken = view.csrfToken;

  return view;
}

async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`/auth/${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...csrfHeaders(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new AuthRequestError(
      answer?.error?.message ?? `The server answered ${response.status}`,
      response.status,
    );
  }

  return response;
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionView | null> {
  try {
    return remember((await (await send('GET', 'session')).json()) as SessionView);
  } catch (error) {
    if (error instanceof AuthRequestError && error.status === 401) {
      csrfToken = null;

      return null;
    }
    throw error;
  }
}

export async function signInWithPassword(email: string, password: string): Promise<SessionView> {
  return remember(
    (await (await send('POST', 'sign-in', { email, password })).json()) as SessionView,
  );
}

export async function signInWithLink(token: string): Promise<SessionView> {
  return remember((await (await send('POST', 'link', { token })).json()) as SessionView);
}

export async function signOut(): Promise<void> {
  await send('POST', 'sign-out', {});
  csrfToken = null;
}

export async function choosePassword(password: string, currentPassword?: string): Promise<void> {
  await send('POST', 'password', { password, ...(currentPassword ? { currentPassword } : {}) });
}

export async function chooseWorkspace(workspaceId: string): Promise<SessionView> {
  return remember((await (await send('POST', 'workspace', { workspaceId })).json()) as SessionView);
}
