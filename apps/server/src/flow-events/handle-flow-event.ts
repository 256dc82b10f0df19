import {
  createFlowAlertRepository,
  createPublicationRepository,
  type NewFlowAlert,
  type Prisma,
  type PrismaClient,
} from '@sanjay-flow/db';
import type { FlowsWebhookEvent } from '@sanjay-flow/whatsapp';

import type { InboxContext } from '../webhooks/handlers';

/** Statuses that stop customers from opening the Flow, or warn that they soon will. */
const ALERTING_STATUSES = new Set(['BLOCKED', 'THROTTLED', 'DEPRECATED']);

/**
 * Handles a Flows webhook (`field: "flows"`): a status change updates the Flow's publication in
 * the workspace, and what needs a person's attention (health alerts, a blocked or throttled
 * Flow, a version about to expire, an event this product does not know) becomes an alert.
 */
export async function handleFlowEvent(
  prisma: PrismaClient,
  event: FlowsWebhookEvent,
  context: Pick<InboxContext, 'workspaceId' | 'log'>,
): Promise<void> {
  const { workspaceId, log } = context;
  const metaFlowId = event.flow_id ?? null;
  const publication = metaFlowId
    ? (await createPublicationRepository(prisma).findByMetaFlowId(metaFlowId)).find(
        (candidate) => candidate.workspaceId === workspaceId,
      )
    : undefined;
  const flowId = publication?.flowId ?? null;
  if (event.event === 'FLOW_STATUS_CHANGE' && metaFlowId) {
    const { count } = await prisma.flowPublication.updateMany({
      where: { workspaceId, metaFlowId },
      data: { status: event.new_status },
    });
    log.info({ metaFlowId, status: event.new_status, publications: count }, 'Flow status changed');
  }
  const alert = alertOf(event);
  // TODO: alerts have no unique key; a process that dies after writing one and before the inbox
  // marks the event done writes it again on the retry (Meta's events carry no id to key on).
  if (alert) {
    await createFlowAlertRepository(prisma).create(workspaceId, { ...alert, flowId, metaFlowId });
    log.warn({ metaFlowId, kind: alert.kind, alertState: alert.alertState }, 'Flow alert');
  }
}

type AlertParts = Omit<NewFlowAlert, 'flowId' | 'metaFlowId'>;

function alertOf(event: FlowsWebhookEvent): AlertParts | null {
  const { event: kind, flow_id: _flowId, message: _message, ...rest } = event;
  const message = typeof event.message === 'string' ? event.message : undefined;
  const details = JSON.parse(JSON.stringify(rest)) as Prisma.InputJsonValue;
  switch (event.event) {
    case 'FLOW_STATUS_CHANGE':
      return ALERTING_STATUSES.has(event.new_status) || event.warning
        ? {
            kind,
            alertState: event.new_status,
            message: message ?? event.warning ?? `The Flow is now ${event.new_status}`,
            details,
          }
        : null;
    case 'CLIENT_ERROR_RATE':
    case 'ENDPOINT_ERROR_RATE':
    case 'ENDPOINT_LATENCY':
    case 'ENDPOINT_AVAILABILITY':
      return {
        kind,
        alertState: event.alert_state ?? null,
        message: message ?? describeHealth(event.event, event.alert_state),
        details,
      };
    case 'FLOW_VERSION_EXPIRY_WARNING':
      return {
        kind,
        alertState: null,
        message: event.warning ?? "The Flow's JSON version expires soon",
        details,
      };
    case 'OTHER':
      return {
        kind: event.original_event ?? 'OTHER',
        alertState: null,
        message: message ?? 'Meta sent a Flows event this product does not know',
        details,
      };
  }
}

function describeHealth(kind: string, state: string | undefined): string {
  const what = kind.toLowerCase().replaceAll('_', ' ');

  return state === 'DEACTIVATED'
    ? `The ${what} is back to normal`
    : `The ${what} crossed its threshold`;
}
