import type { PrismaClient } from '@sanjay-flow/db';
import { GraphApiError } from '@sanjay-flow/whatsapp';

import type { MetaAccess } from './dependencies';
import { isRetryable, withRetry } from './retry';

export interface MetaFlowToCreate {
  publicationId: string;
  name: string;
  categories: readonly string[];
  cloneFlowId?: string;
  /** The intent of an earlier publish is still set: its create may have happened. */
  intentWasSet: boolean;
  onAttempt: (attempt: number) => Promise<void>;
}

/**
 * Creates the Flow at Meta without ever making two. Meta's create has no idempotency key and
 * a create whose answer was lost (timeout, dropped connection) may have happened, so the
 * intent is written first and every attempt after an uncertain one (or after an earlier run
 * left its intent set) looks the Flow up by name first: names are unique in a WABA.
 */
export async function createMetaFlowOnce(
  prisma: PrismaClient,
  meta: MetaAccess,
  flow: MetaFlowToCreate,
): Promise<{ id: string; adopted: boolean }> {
  await prisma.flowPublication.update({
    where: { id: flow.publicationId },
    data: { createRequestedAt: new Date(), metaFlowName: flow.name },
  });
  let uncertain = flow.intentWasSet;
  for (let attempt = 1; ; attempt += 1) {
    await flow.onAttempt(attempt);
    if (uncertain) {
      const found = await withRetry(meta.retry, () => findByName(meta, flow.name));
      if (found !== undefined) {
        return { id: found, adopted: true };
      }
    }
    try {
      const { id } = await meta.flows.createFlow(meta.connection.wabaId, {
        name: flow.name,
        categories: flow.categories,
        ...(flow.cloneFlowId === undefined ? {} : { cloneFlowId: flow.cloneFlowId }),
      });

      return { id, adopted: false };
    } catch (error) {
      const lost = isLostAnswer(error);
      if (attempt >= meta.retry.attempts || !(lost || isRetryable(error))) {
        throw error;
      }
      uncertain ||= lost;
      await meta.retry.sleep(meta.retry.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/** The id of the WABA's Flow with this name, if there is one. */
export async function findByName(meta: MetaAccess, name: string): Promise<string | undefined> {
  const flows = await meta.flows.listFlows(meta.connection.wabaId);

  return flows.find((flow) => flow.name === name)?.id;
}

function isLostAnswer(error: unknown): boolean {
  return error instanceof GraphApiError && (error.kind === 'timeout' || error.kind === 'network');
}
