import { randomBytes, randomUUID } from 'node:crypto';

import {
  createDestinationRepository,
  type DestinationRecord,
  type PrismaClient,
} from '@sanjay-flow/db';
import { checkOutboundUrl, type HttpPort } from '@sanjay-flow/runtime';

import { AppError } from '../errors';
import type { SecretBox } from '../secrets/secret-box';
import { destinationSecretPurpose } from './destination-secret';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './payload';

/** A destination as the API shows it: never the secret, which is shown once when made. */
export interface DestinationView {
  id: string;
  flowId: string | null;
  name: string;
  url: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DestinationInput {
  flowId: string | null;
  name: string;
  url: string;
  enabled: boolean;
}

export interface DestinationsDependencies {
  prisma: PrismaClient;
  secrets: SecretBox;
  http: HttpPort;
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts a destination may name anyway. */
  allowedHosts: readonly string[];
  timeoutMs: number;
}

export type Destinations = ReturnType<typeof createDestinations>;

export function createDestinations(dependencies: DestinationsDependencies) {
  const { prisma, secrets } = dependencies;
  const repository = createDestinationRepository(prisma);
  const existing = async (workspaceId: string, id: string) => {
    const found = await repository.get(workspaceId, id);
    if (!found) {
      throw new AppError('DESTINATION_NOT_FOUND', 'No such destination');
    }

    return found;
  };

  return {
    list: async (workspaceId: string) => (await repository.list(workspaceId)).map(viewOf),

    /** Makes a destination with a fresh signing secret, returned this once only. */
    create: async (workspaceId: string, input: DestinationInput) => {
      checkUrl(input.url, dependencies.allowedHosts);
      await checkFlow(prisma, workspaceId, input.flowId);
      const id = randomUUID();
      const secret = newSecret();
      const sealed = secrets.seal(secret, destinationSecretPurpose(id));
      const created = await repository.create(workspaceId, { id, ...input, secret: sealed });

      return { destination: viewOf(created), secret };
    },

    update: async (workspaceId: string, id: string, changes: Partial<DestinationInput>) => {
      if (changes.url !== undefined) {
        checkUrl(changes.url, dependencies.allowedHosts);
      }
      if (changes.flowId) {
        await checkFlow(prisma, workspaceId, changes.flowId);
      }
      const updated = await repository.update(workspaceId, id, changes);
      if (!updated) {
        throw new AppError('DESTINATION_NOT_FOUND', 'No such destination');
      }

      return viewOf(updated);
    },

    /** Replaces the signing secret; the new one is returned this once only. */
    rotateSecret: async (workspaceId: string, id: string) => {
      await existing(workspaceId, id);
      const secret = newSecret();
      await repository.update(workspaceId, id, {
        secret: secrets.seal(secret, destinationSecretPurpose(id)),
      });

      return { secret };
    },

    remove: async (workspaceId: string, id: string) => {
      if (!(await repository.remove(workspaceId, id))) {
        throw new AppError('DESTINATION_NOT_FOUND', 'No such destination');
      }
    },

    /** Sends a signed sample delivery and tells what the destination answered. */
    test: async (workspaceId: string, id: string) =>
      sendTest(dependencies, await existing(workspaceId, id)),
  };
}

async function sendTest(dependencies: DestinationsDependencies, destination: DestinationRecord) {
  const sentAt = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ test: true, destination_id: destination.id, sent_at: sentAt });
  const secret = dependencies.secrets.open(
    destination.secret,
    destinationSecretPurpose(destination.id),
  );
  const startedAt = Date.now();
  try {
    const response = await dependencies.http.request({
      method: 'POST',
      url: destination.url,
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(secret, body),
        [TIMESTAMP_HEADER]: String(sentAt),
        [DELIVERY_HEADER]: `test-${randomUUID()}`,
      },
      body,
      timeoutMs: dependencies.timeoutMs,
      signal: AbortSignal.timeout(dependencies.timeoutMs),
    });
    const ok = response.status >= 200 && response.status < 300;

    return {
      ok,
      httpStatus: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      latencyMs: Date.now() - startedAt,
    };
  } catch (error) {
    return {
      ok: false,
      httpStatus: null,
      error: error instanceof Error ? error.message : String(error),
      latencyMs: Date.now() - startedAt,
    };
  }
}

function checkUrl(url: string, allowedHosts: readonly string[]): void {
  const checked = checkOutboundUrl(url, { allowedHosts });
  if (!checked.ok) {
    throw new AppError(
      'INVALID_DESTINATION',
      `The destination URL is refused: ${checked.message}`,
      [{ pointer: '/url', code: checked.code, message: checked.message }],
    );
  }
}

async function checkFlow(prisma: PrismaClient, workspaceId: string, flowId: string | null) {
  if (flowId === null) {
    return;
  }
  const flow = await prisma.flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { id: true },
  });
  if (!flow) {
    throw new AppError('FLOW_NOT_FOUND', 'No such Flow');
  }
}

/** 32 random bytes: the HMAC key the destination checks signatures with. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function viewOf(destination: DestinationRecord): DestinationView {
  const { secret: _secret, workspaceId: _workspaceId, ...view } = destination;

  return view;
}
