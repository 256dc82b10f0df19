import { constants, createCipheriv, publicEncrypt, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createFlowRepository } from '@sanjay-flow/db';
import type { GraphDocument } from '@sanjay-flow/graph';
import { createFlowEndpointClient } from '@sanjay-flow/meta-sim';
import type { LogicNode, ProgramEdge } from '@sanjay-flow/runtime';
import { signPayload } from '@sanjay-flow/whatsapp';

import { type AppDependencies, createApp } from '../app';
import { createKeyPairs } from '../connections/key-pairs';
import { createConnections } from '../connections/manage-connections';
import { createLogger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { TestDatabase } from '../test-support/database';
import { appRouter } from '../trpc/router';
import { createCallerFactory } from '../trpc/trpc';

const createCaller = createCallerFactory(appRouter);

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections();

  return new Promise((resolve) => server.close(() => resolve()));
}

/** The product on port 0, HTTP steps allowed to reach 127.0.0.1 only. */
export async function startProduct(
  testDb: TestDatabase,
  secrets: SecretBox,
  budgetMs = 3000,
  workers?: AppDependencies['workers'],
) {
  const workspaceId = await testDb.createWorkspace();
  const app = createApp({
    ...(workers === undefined ? {} : { workers }),
    db: testDb.db,
    workspaceId,
    logger: createLogger('silent'),
    secrets,
    // No lookup cache: tests flip switches and retire keys and expect the next call to see it.
    endpoint: { budgetMs, httpAllowedHosts: ['127.0.0.1'], lookupCacheMs: 0 },
    keyRotationGraceHours: 1,
  });
  const server = http.createServer(app);

  return { url: await listen(server), close: () => close(server) };
}

export interface ScreenSpec {
  id: string;
  data?: Record<string, unknown>;
  refreshOnBack?: boolean;
  terminal?: boolean;
}

export function graphOf(
  screens: ScreenSpec[],
  routes: Record<string, string[]>,
  logic: { nodes: LogicNode[]; edges: ProgramEdge[] },
): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.1', data_api_version: '3.0', routing_model: routes },
    nodes: screens.map((spec, index) => ({
      kind: 'screen',
      id: spec.id,
      position: { x: index * 300, y: 0 },
      screen: {
        id: spec.id,
        title: spec.id,
        data: spec.data ?? {},
        ...(spec.refreshOnBack === true ? { refresh_on_back: true } : {}),
        ...(spec.terminal === true ? { terminal: true } : {}),
        layout: {
          type: 'SingleColumnLayout',
          children: [
            {
              type: 'Footer',
              label: 'Next',
              'on-click-action': { name: 'data_exchange', payload: {} },
            },
          ],
        },
      },
    })),
    logic: { ...logic, positions: {} },
  };
}

export const APP_SECRET = 'endpoint-test-app-secret-0042';

/** A workspace with one connection (a generated key pair) and one Flow with `graph`. */
export async function seedWorkspace(
  testDb: TestDatabase,
  secrets: SecretBox,
  graph: GraphDocument,
) {
  const prisma = testDb.db.prisma;
  const workspaceId = await testDb.createWorkspace();
  const connections = createConnections(prisma, secrets);
  const connection = await connections.create(workspaceId, {
    name: 'Main number',
    wabaId: '102290129340398',
    phoneNumberId: '1065442759982347123',
    appId: '1234567890123456',
    appSecret: APP_SECRET,
    accessToken: 'EAAGtestaccesstoken0000',
    webhookVerifyToken: 'verify-token-0000',
  });
  const keyPairs = createKeyPairs({ prisma, secrets, graceHours: 1 });
  const record = await connections.record(workspaceId, connection.id);
  const keyPair = await keyPairs.generate(record);
  const flow = await createFlowRepository(prisma).create(workspaceId, {
    name: 'Booking',
    graph: graph as unknown as Parameters<
      ReturnType<typeof createFlowRepository>['create']
    >[1]['graph'],
  });
  const caller = createCaller({
    workspaceId,
    role: 'owner',
    flows: createFlowRepository(prisma),
    connections,
    db: testDb.db,
    log: createLogger('silent'),
  });

  return {
    workspaceId,
    connectionId: connection.id,
    connectionRecord: record,
    keyPairs,
    publicKeyPem: keyPair.publicKeyPem,
    flowId: flow.id,
    caller,
    async openSession(): Promise<string> {
      const opened = await caller.endpoint.sessions.open({
        flowId: flow.id,
        connectionId: connection.id,
      });

      return opened.flowToken;
    },
    phone(baseUrl: string, publicKeyPem = keyPair.publicKeyPem, flowId = flow.id) {
      return createFlowEndpointClient({
        endpointUrl: `${baseUrl}/endpoint/${flowId}`,
        businessPublicKey: publicKeyPem,
        appSecret: APP_SECRET,
      });
    },
  };
}

export type SeededWorkspace = Awaited<ReturnType<typeof seedWorkspace>>;

/** Encrypts any text the way Meta encrypts a request, for bodies that are not JSON. */
export function sealText(text: string, publicKeyPem: string) {
  const aesKey = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-gcm', aesKey, iv, { authTagLength: 16 });
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    aesKey,
  );

  return {
    encrypted_flow_data: data.toString('base64'),
    encrypted_aes_key: wrapped.toString('base64'),
    initial_vector: iv.toString('base64'),
  };
}

/** Posts raw bytes, signed with the app secret unless a signature (or `null`: none) is given. */
export async function postRaw(
  url: string,
  body: string | Buffer,
  signature?: string | null,
  contentType: string | null = 'application/json',
): Promise<{ status: number; text: string; contentType: string | null }> {
  const headers: Record<string, string> =
    contentType === null ? {} : { 'content-type': contentType };
  const header = signature === undefined ? signPayload(body, APP_SECRET) : signature;
  if (header !== null) {
    headers['x-hub-signature-256'] = header;
  }
  // fetch labels a text body text/plain by itself; bytes go without a Content-Type.
  const sent = contentType === null ? Buffer.from(body) : body;
  const response = await fetch(url, { method: 'POST', headers, body: sent });

  return {
    status: response.status,
    text: await response.text(),
    contentType: response.headers.get('content-type'),
  };
}
