import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../auth/auth.test-helper';
import { apiTokenFor, authHeaders } from '../test-support/auth';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { importContactUs } from '../test-support/messaging';

/**
 * Every REST route of the app, found by walking Express's router and adding Meta's POSTs,
 * which are answered before it (`http/machine-intake.ts`). A route that serves a
 * workspace's data answers 401 without credentials; a route that takes an id answers 404 to a
 * member of workspace A naming a record of workspace B. A route that is public, or
 * authenticated otherwise, says why in `PUBLIC`. A route in neither table fails the suite.
 */
const PUBLIC: Record<string, string> = {
  'GET /healthz': 'health check for load balancers; says only whether the database answers',
  'POST /auth/sign-in': 'signing in',
  'POST /auth/link': 'signing in with a one-time link',
  'GET /auth/session': 'answers 401 itself when not signed in',
  'POST /auth/sign-out': 'answers 401 itself; needs the session and its CSRF token',
  'POST /auth/password': 'answers 401 itself; needs the session and its CSRF token',
  'POST /auth/workspace': 'answers 401 itself; needs the session and its CSRF token',
  'POST /endpoint/:flowId': "Meta's data endpoint: authenticated by the app secret's signature",
  'GET /webhooks/whatsapp': "Meta's verification handshake: the verify token",
  'POST /webhooks/whatsapp': "Meta's webhooks: authenticated by the app secret's signature",
  'GET /privacy/request':
    "customers' public data request page: a one-time code sent to their own WhatsApp number",
  'POST /privacy/request':
    'asks for that one-time code; answers the same whether a number has data',
  'POST /privacy/request/confirm':
    'the one-time code is the credential: hashed, expiring, five tries',
  'GET <editor pages>': 'the editor’s static files; its data comes from /trpc',
};

interface RecordsOfB {
  flowId: string;
  submissionId: string;
  fileId: string;
}

/** Routes with an id in the path, and the path that names a record of workspace B. */
const BY_ID: Record<string, (b: RecordsOfB) => string> = {
  'GET /api/submissions/:submissionId/files/:fileId': (b) =>
    `/api/submissions/${b.submissionId}/files/${b.fileId}`,
};

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
}

function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = typeof layer.route.path === 'string' ? prefix + layer.route.path : null;

      return Object.keys(layer.route.methods).map(
        (method) => `${method.toUpperCase()} ${path ?? '<editor pages>'}`,
      );
    }
    if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';

      return routesOf(layer.handle.stack, prefix + (mount === '/' ? '' : mount));
    }

    return [];
  });
}

let testDb: TestDatabase;
let server: TestApp;
let routes: string[];

beforeAll(async () => {
  testDb = await openTestDatabase();
  server = await startTestApp(testDb);
  routes = [
    ...routesOf((server.app.editor as unknown as { router: { stack: Layer[] } }).router.stack),
    ...server.app.machineRoutes,
  ];
});

afterAll(async () => {
  await server.close();
  await testDb.dispose();
});

/** A Flow, and a submission holding a downloaded file, in workspace B. */
async function recordsOf(workspaceId: string): Promise<RecordsOfB> {
  const { prisma } = testDb.db;
  const flowId = await importContactUs(prisma, workspaceId);
  const submission = await prisma.submission.create({
    data: { workspaceId, messageId: 'wamid.b', status: 'no_destination', receivedAt: new Date() },
  });
  const file = await prisma.submissionFile.create({
    data: {
      workspaceId,
      submissionId: submission.id,
      field: 'photo',
      mediaId: '1',
      status: 'stored',
      content: 'v1:0000000000000000:AAAA',
    },
  });

  return { flowId, submissionId: submission.id, fileId: file.id };
}

describe('REST routes', () => {
  it('are each public for a stated reason or guarded', () => {
    const unlisted = routes.filter((route) => !(route in PUBLIC) && !(route in BY_ID));

    expect(routes.length).toBeGreaterThan(5);
    expect(unlisted, 'routes in neither table').toEqual([]);
  });

  it('answer 404 to a member of another workspace naming a record by id', async () => {
    const a = await testDb.createWorkspace('A');
    const b = await testDb.createWorkspace('B');
    const records = await recordsOf(b);
    const headers = authHeaders(await apiTokenFor(testDb.db, a, 'owner'));
    for (const [route, pathOf] of Object.entries(BY_ID)) {
      const [method = 'GET'] = route.split(' ');
      const response = await fetch(`${server.url}${pathOf(records)}`, { method, headers });

      expect(response.status, route).toBe(404);
    }
  });

  it('answer 401 without credentials when they serve workspace data', async () => {
    for (const route of Object.keys(BY_ID)) {
      const [method = 'GET', path = ''] = route.split(' ');
      const response = await fetch(`${server.url}${path}`, { method });

      expect(response.status, route).toBe(401);
    }
    const trpc = await fetch(`${server.url}/trpc/flows.list`);

    expect(trpc.status).toBe(401);
  });
});
