import type { PrismaClient } from '@sanjay-flow/db';

import { NodeProblemSchema, type NodeProblem } from './node-problems';
import { requireFlow } from './require-flow';

/** Alerts that make a Flow unhealthy while active (spec C6). */
const HEALTH_ALERT_KINDS = new Set([
  'CLIENT_ERROR_RATE',
  'ENDPOINT_ERROR_RATE',
  'ENDPOINT_LATENCY',
  'ENDPOINT_AVAILABILITY',
]);

export interface PublicationStatus {
  connectionId: string;
  connectionName: string;
  metaFlowId: string | null;
  metaFlowName: string | null;
  /** Meta's status (DRAFT, PUBLISHED, THROTTLED, BLOCKED, DEPRECATED) or UNKNOWN. */
  status: string;
  categories: string[];
  publishedAt: Date | null;
  uploadedHash: string | null;
  endpointUri: string | null;
  clonedFromMetaFlowId: string | null;
  previewUrl: string | null;
  previewExpiresAt: Date | null;
  validationErrors: NodeProblem[];
  /** Endpoint health alerts whose latest state is ACTIVATED, and expiry warnings. */
  alerts: { kind: string; message: string; at: Date }[];
}

/** Where the Flow lives at Meta, per connection, with its status and health. */
export async function publicationStatuses(
  prisma: PrismaClient,
  workspaceId: string,
  flowId: string,
): Promise<PublicationStatus[]> {
  await requireFlow(prisma, workspaceId, flowId);
  const publications = await prisma.flowPublication.findMany({
    where: { workspaceId, flowId },
    include: { connection: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const alerts = await prisma.flowAlert.findMany({
    where: { workspaceId, flowId },
    orderBy: { createdAt: 'asc' },
  });

  return publications.map((publication) => ({
    connectionId: publication.connectionId,
    connectionName: publication.connection.name,
    metaFlowId: publication.metaFlowId,
    metaFlowName: publication.metaFlowName,
    status: publication.status,
    categories: Array.isArray(publication.categories) ? publication.categories.map(String) : [],
    publishedAt: publication.publishedAt,
    uploadedHash: publication.uploadedHash,
    endpointUri: publication.endpointUri,
    clonedFromMetaFlowId: publication.clonedFromMetaFlowId,
    previewUrl: publication.previewUrl,
    previewExpiresAt: publication.previewExpiresAt,
    validationErrors: NodeProblemSchema.array()
      .catch([])
      .parse(publication.validationErrors ?? []),
    alerts: activeAlerts(alerts.filter((alert) => alert.metaFlowId === publication.metaFlowId)),
  }));
}

/** The latest state of each alert kind: an ACTIVATED alert stays until DEACTIVATED. */
function activeAlerts(
  alerts: { kind: string; alertState: string | null; message: string; createdAt: Date }[],
): PublicationStatus['alerts'] {
  const latest = new Map<string, (typeof alerts)[number]>();
  for (const alert of alerts) {
    latest.set(alert.kind, alert);
  }

  return [...latest.values()]
    .filter((alert) =>
      HEALTH_ALERT_KINDS.has(alert.kind)
        ? alert.alertState === 'ACTIVATED'
        : alert.kind === 'FLOW_VERSION_EXPIRY_WARNING',
    )
    .map((alert) => ({ kind: alert.kind, message: alert.message, at: alert.createdAt }));
}

/** Every Flow's publications in a workspace, for the status badges of the flows list. */
export async function workspaceBadges(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<{ flowId: string; connectionName: string; status: string }[]> {
  const publications = await prisma.flowPublication.findMany({
    where: { workspaceId },
    include: { connection: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
  });

  return publications.map((p) => ({
    flowId: p.flowId,
    connectionName: p.connection.name,
    status: p.status,
  }));
}
