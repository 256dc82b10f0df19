import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from '../app';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import type { TestDatabase } from '../test-support/database';
import type { SignInLimits } from './sign-in-limiter';

export interface TestApp {
  url: string;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** The product's HTTP app on a loopback port, on the test database. */
export async function startTestApp(
  testDb: TestDatabase,
  options: { signInLimits?: SignInLimits; trustProxy?: boolean } = {},
): Promise<TestApp> {
  const app = createApp({
    db: testDb.db,
    logger: createLogger('silent'),
    secrets: createSecretBox(randomBytes(32)),
    ...(options.signInLimits ? { signInLimits: options.signInLimits } : {}),
    ...(options.trustProxy ? { trustProxy: ['loopback'] } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = createServer(app).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The `name=value` part of the response's cookie called `name`, with its attributes. */
export function cookieOf(response: Response, name: string) {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  if (header === undefined) {
    return undefined;
  }
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());

  return { pair, attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}
