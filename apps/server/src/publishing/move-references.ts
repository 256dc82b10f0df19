import type { Prisma, PrismaClient } from '@sanjay-flow/db';

export interface FlowMove {
  workspaceId: string;
  connectionId: string;
  fromMetaFlowId: string;
  toMetaFlowId: string;
  toName: string;
}

export interface MovedReferences {
  publications: number;
  queuedMessages: number;
}

/**
 * Points everything that names a Meta Flow at its clone, in one transaction: the Flow's
 * publication on the connection (which sends, message triggers and template sends of the Flow
 * resolve at send time) and the Flow messages still queued in the outbox, whose stored body
 * names the old Meta Flow id. The publication keeps the old id as its lineage.
 */
export async function moveToClone(prisma: PrismaClient, move: FlowMove): Promise<MovedReferences> {
  return prisma.$transaction(async (tx) => {
    const publications = await tx.flowPublication.updateMany({
      where: {
        workspaceId: move.workspaceId,
        connectionId: move.connectionId,
        metaFlowId: move.fromMetaFlowId,
      },
      data: {
        metaFlowId: move.toMetaFlowId,
        metaFlowName: move.toName,
        clonedFromMetaFlowId: move.fromMetaFlowId,
        status: 'DRAFT',
        uploadedHash: null,
        publishedAt: null,
        validationErrors: [],
      },
    });
    const queued = await tx.outboundMessage.findMany({
      where: {
        workspaceId: move.workspaceId,
        connectionId: move.connectionId,
        status: 'queued',
        kind: 'flow',
      },
      select: { id: true, body: true },
    });
    let queuedMessages = 0;
    for (const message of queued) {
      const body = withFlowId(message.body, move.fromMetaFlowId, move.toMetaFlowId);
      if (body !== undefined) {
        await tx.outboundMessage.update({ where: { id: message.id }, data: { body } });
        queuedMessages += 1;
      }
    }

    return { publications: publications.count, queuedMessages };
  });
}

/** The interactive Flow message body with its `flow_id` replaced, when it names `from`. */
function withFlowId(
  body: Prisma.JsonValue,
  from: string,
  to: string,
): Prisma.InputJsonValue | undefined {
  const parameters = (
    body as { interactive?: { action?: { parameters?: { flow_id?: unknown } } } } | null
  )?.interactive?.action?.parameters;
  if (parameters?.flow_id !== from) {
    return undefined;
  }
  const copy = structuredClone(body) as {
    interactive: { action: { parameters: { flow_id: string } } };
  };
  copy.interactive.action.parameters.flow_id = to;

  return copy;
}
