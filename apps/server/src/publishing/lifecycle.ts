import { z } from 'zod';

import { AppError } from '../errors';
import { requireFlow } from './require-flow';
import { metaAccess, type PublishingDependencies } from './dependencies';
import { isGoneAtMeta, metaCall } from './retry';
import type { Publication } from './sync-to-meta';

export const PublicationRefSchema = z.object({
  flowId: z.uuid({ error: 'not a flow id' }),
  connectionId: z.uuid({ error: 'not a connection id' }),
});
export type PublicationRef = z.input<typeof PublicationRefSchema>;

/** The Flow's publication on the connection, with a Meta Flow id; refused otherwise. */
async function publishedAt(
  deps: PublishingDependencies,
  workspaceId: string,
  rawRef: PublicationRef,
): Promise<{
  publication: Publication & { metaFlowId: string };
  access: ReturnType<typeof metaAccess>;
}> {
  const ref = PublicationRefSchema.parse(rawRef);
  const connection = await deps.connections.record(workspaceId, ref.connectionId);
  await requireFlow(deps.prisma, workspaceId, ref.flowId);
  const publication = await deps.prisma.flowPublication.findFirst({
    where: { workspaceId, flowId: ref.flowId, connectionId: ref.connectionId },
  });
  if (publication?.metaFlowId == null) {
    throw new AppError(
      'FLOW_NOT_LINKED',
      'The Flow is not at Meta on this connection: publish it first',
    );
  }

  return {
    publication: { ...publication, metaFlowId: publication.metaFlowId },
    access: metaAccess(deps, connection),
  };
}

/** `POST /{flow-id}/deprecate`: irreversible; the Flow can no longer be sent or opened. */
export async function deprecatePublication(
  deps: PublishingDependencies,
  workspaceId: string,
  ref: PublicationRef,
): Promise<{ metaFlowId: string; status: string }> {
  const { publication, access } = await publishedAt(deps, workspaceId, ref);
  await metaCall(access.retry, () => access.flows.deprecateFlow(publication.metaFlowId));
  await deps.prisma.flowPublication.update({
    where: { id: publication.id },
    data: { status: 'DEPRECATED' },
  });

  return { metaFlowId: publication.metaFlowId, status: 'DEPRECATED' };
}

/**
 * Deletes a Flow that was never published at Meta (Meta refuses others: deprecate them) and
 * forgets the link, so that the next publish creates it again. The history stays.
 */
export async function deleteDraft(
  deps: PublishingDependencies,
  workspaceId: string,
  ref: PublicationRef,
): Promise<{ metaFlowId: string }> {
  const { publication, access } = await publishedAt(deps, workspaceId, ref);
  await metaCall(access.retry, () =>
    // Already gone at Meta (deleted in its builder): forgetting the link is all that is left.
    access.flows.deleteFlow(publication.metaFlowId).catch((error: unknown) => {
      if (!isGoneAtMeta(error)) {
        throw error;
      }
    }),
  );
  await deps.prisma.flowPublication.delete({ where: { id: publication.id } });

  return { metaFlowId: publication.metaFlowId };
}

/** Meta's public preview link of the Flow and when it expires; `rotate` makes a new one. */
export async function previewLink(
  deps: PublishingDependencies,
  workspaceId: string,
  ref: PublicationRef & { rotate?: boolean },
): Promise<{ previewUrl: string; expiresAt: Date }> {
  const { publication, access } = await publishedAt(deps, workspaceId, ref);
  const field = `preview.invalidate(${ref.rotate === true ? 'true' : 'false'})`;
  const flow = await metaCall(access.retry, () =>
    access.flows.getFlow(publication.metaFlowId, [field]),
  );
  if (flow.preview === undefined) {
    throw new AppError('GRAPH_API_FAILED', 'Meta answered without a preview link');
  }
  const expiresAt = parseMetaTime(flow.preview.expires_at);
  await deps.prisma.flowPublication.update({
    where: { id: publication.id },
    data: { previewUrl: flow.preview.preview_url, previewExpiresAt: expiresAt },
  });

  return { previewUrl: flow.preview.preview_url, expiresAt };
}

/** Reads the status Meta has now (a missed webhook, a Flow changed in Meta's builder). */
export async function refreshStatus(
  deps: PublishingDependencies,
  workspaceId: string,
  ref: PublicationRef,
): Promise<{ status: string }> {
  const { publication, access } = await publishedAt(deps, workspaceId, ref);
  const flow = await metaCall(access.retry, () =>
    access.flows.getFlow(publication.metaFlowId, ['status']).catch((error: unknown) => {
      if (isGoneAtMeta(error)) {
        return undefined;
      }
      throw error;
    }),
  );
  if (flow === undefined) {
    // Deleted at Meta: the link goes (the history stays), and the next publish creates it again.
    await deps.prisma.flowPublication.update({
      where: { id: publication.id },
      data: { metaFlowId: null, uploadedHash: null, status: 'DELETED', createRequestedAt: null },
    });

    return { status: 'DELETED' };
  }
  const status = flow.status ?? publication.status;
  await deps.prisma.flowPublication.update({ where: { id: publication.id }, data: { status } });

  return { status };
}

/** Meta writes `2023-05-21T11:18:09+0000`, which `Date` reads once the offset has a colon. */
function parseMetaTime(value: string): Date {
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(date.getTime())) {
    throw new AppError('GRAPH_API_FAILED', `Meta answered an unreadable time: ${value}`);
  }

  return date;
}
