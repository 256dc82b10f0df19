import type { PrismaClient } from '@sanjay-flow/db';
import { usesEndpoint } from '@sanjay-flow/graph';
import { GraphApiError, type FlowValidationError } from '@sanjay-flow/whatsapp';

import { createMetaFlowOnce } from './create-meta-flow';
import type { MetaAccess, PublishingDependencies } from './dependencies';
import { moveToClone } from './move-references';
import { metaNodeProblems, type NodeProblem } from './node-problems';
import type { PreparedPublish } from './publish-flow';
import { isGoneAtMeta, withRetry } from './retry';
import { skipRest, type PublishStepName, type RunStatus, type StepTracker } from './run-record';

export interface SyncResult {
  status: Exclude<RunStatus, 'running'>;
  message: string;
  metaFlowId: string | null;
  uploaded: boolean;
  problems: NodeProblem[];
}

/** The publication row as stored, publishing's columns included. */
export type Publication = Awaited<ReturnType<PrismaClient['flowPublication']['upsert']>>;

/** One publish at Meta: the steps after local validation, each recorded as it runs. */
interface Sync {
  deps: PublishingDependencies;
  prepared: PreparedPublish;
  meta: MetaAccess;
  publication: Publication;
  tracker: StepTracker;
}

/**
 * Brings the Flow at Meta to the compiled Flow JSON: create if missing, upload when the
 * content hash changed, read the validation errors back, set the endpoint, publish.
 */
export async function syncToMeta(
  deps: PublishingDependencies,
  prepared: PreparedPublish,
  meta: MetaAccess,
  publication: Publication,
  tracker: StepTracker,
): Promise<SyncResult> {
  const sync: Sync = { deps, prepared, meta, publication, tracker };
  if (prepared.input.dryRun) {
    return dryRun(sync);
  }
  const target = await createStep(sync);
  const upload = await uploadStep(sync, target);
  const problems = await validationErrorsStep(sync, upload);
  if (problems.length > 0) {
    await skipRest(tracker.run, 'validation_errors', 'not reached: Meta found validation errors');
    const first = problems[0]?.message ?? '';

    return {
      status: 'refused',
      message: `Meta found ${problems.length} validation error(s); the first: ${first}`,
      metaFlowId: upload.metaFlowId,
      uploaded: upload.uploaded,
      problems,
    };
  }
  const endpointChanged = await endpointStep(sync, upload.metaFlowId);
  const published = await publishStep(sync, upload, endpointChanged);

  return {
    status: published ? 'published' : 'unchanged',
    message: published
      ? `Published as Meta Flow ${upload.metaFlowId}`
      : `Nothing to do: Meta Flow ${upload.metaFlowId} is published with this Flow JSON`,
    metaFlowId: upload.metaFlowId,
    uploaded: upload.uploaded,
    problems: [],
  };
}

async function step<T>(
  sync: Sync,
  name: PublishStepName,
  body: (
    onAttempt: (attempt: number) => Promise<void>,
  ) => Promise<{ value: T; detail: string; skipped?: boolean }>,
): Promise<T> {
  const { run } = sync.tracker;
  sync.tracker.current = name;
  await run.start(name);
  const { value, detail, skipped } = await body((attempt) => run.attempt(name, attempt));
  await run.finish(name, skipped === true ? 'skipped' : 'done', detail);
  sync.tracker.current = undefined;

  return value;
}

interface Target {
  metaFlowId: string;
  status: string;
}

async function createStep(sync: Sync): Promise<Target> {
  const { deps, meta, publication } = sync;

  return step<Target>(sync, 'create', async (onAttempt) => {
    let gone: string | undefined;
    if (publication.metaFlowId !== null) {
      const metaFlowId = publication.metaFlowId;
      const flow = await withRetry(
        meta.retry,
        () => meta.flows.getFlow(metaFlowId, ['id', 'name', 'status']),
        onAttempt,
      ).catch((error: unknown) => {
        if (isGoneAtMeta(error)) {
          return undefined;
        }
        throw error;
      });
      if (flow !== undefined) {
        const status = flow.status ?? publication.status;

        return {
          value: { metaFlowId, status },
          detail: `exists as ${metaFlowId} (${status})`,
          skipped: true,
        };
      }
      // Deleted at Meta since: forget it, and what was uploaded to it, and create it again.
      gone = metaFlowId;
      await deps.prisma.flowPublication.update({
        where: { id: publication.id },
        data: { metaFlowId: null, uploadedHash: null, createRequestedAt: null },
      });
    }
    const created = await createMetaFlowOnce(deps.prisma, meta, {
      publicationId: publication.id,
      name: publication.metaFlowName ?? sync.prepared.flowName,
      categories: categoriesOf(publication),
      intentWasSet: publication.createRequestedAt !== null,
      onAttempt,
    });
    await deps.prisma.flowPublication.update({
      where: { id: publication.id },
      data: { metaFlowId: created.id, createRequestedAt: null, status: 'DRAFT' },
    });
    const how =
      (created.adopted ? 'found by name after an unanswered create' : 'created') +
      (gone === undefined ? '' : ` (Meta no longer had ${gone})`);

    return { value: { metaFlowId: created.id, status: 'DRAFT' }, detail: `${how}: ${created.id}` };
  });
}

interface Upload {
  metaFlowId: string;
  uploaded: boolean;
  /** Meta's errors from the upload; null when nothing was uploaded. */
  errors: FlowValidationError[] | null;
  status: string;
}

async function uploadStep(sync: Sync, target: Target): Promise<Upload> {
  const { deps, meta, publication, prepared } = sync;
  const { contentHash, text } = prepared.compiled;

  return step<Upload>(sync, 'upload', async (onAttempt) => {
    if (publication.uploadedHash === contentHash && publication.metaFlowId === target.metaFlowId) {
      const value = { ...target, uploaded: false, errors: null };

      return {
        value,
        detail: `unchanged: Meta has this Flow JSON (${contentHash.slice(0, 12)})`,
        skipped: true,
      };
    }
    let metaFlowId = target.metaFlowId;
    let errors: FlowValidationError[];
    let clonedFrom: string | undefined;
    try {
      errors = await withRetry(
        meta.retry,
        () => meta.flows.uploadFlowJson(metaFlowId, text),
        onAttempt,
      );
    } catch (error) {
      if (!isNotEditable(error)) {
        throw error;
      }
      clonedFrom = metaFlowId;
      metaFlowId = await cloneForEdit(sync, metaFlowId, onAttempt);
      errors = await withRetry(
        meta.retry,
        () => meta.flows.uploadFlowJson(metaFlowId, text),
        onAttempt,
      );
    }
    await deps.prisma.flowPublication.update({
      where: { id: publication.id },
      data: { uploadedHash: contentHash, status: 'DRAFT', metaFlowId },
    });
    const bytes = Buffer.byteLength(text);
    const detail =
      clonedFrom === undefined
        ? `uploaded ${bytes} bytes (${contentHash.slice(0, 12)})`
        : `Meta does not let ${clonedFrom} be edited: cloned as ${metaFlowId}, uploaded ${bytes} bytes`;

    return { value: { metaFlowId, uploaded: true, errors, status: 'DRAFT' }, detail };
  });
}

/** A published Flow Meta will not let change (139001): clone it and move every reference. */
async function cloneForEdit(
  sync: Sync,
  fromMetaFlowId: string,
  onAttempt: (attempt: number) => Promise<void>,
): Promise<string> {
  const { deps, meta, publication, prepared } = sync;
  const baseName = publication.metaFlowName ?? prepared.flowName;
  const name = await freeCloneName(meta, baseName);
  // The clone's create is made idempotent like any create: its intent names the clone.
  const clone = await createMetaFlowOnce(deps.prisma, meta, {
    publicationId: publication.id,
    name,
    categories: categoriesOf(publication),
    cloneFlowId: fromMetaFlowId,
    intentWasSet: false,
    onAttempt,
  });
  await moveToClone(deps.prisma, {
    workspaceId: prepared.workspaceId,
    connectionId: meta.connection.id,
    fromMetaFlowId,
    toMetaFlowId: clone.id,
    toName: name,
  });
  await deps.prisma.flowPublication.update({
    where: { id: publication.id },
    data: { createRequestedAt: null },
  });

  return clone.id;
}

async function freeCloneName(meta: MetaAccess, baseName: string): Promise<string> {
  const stem = baseName.replace(/ \(\d+\)$/, '');
  const taken = new Set(
    (await withRetry(meta.retry, () => meta.flows.listFlows(meta.connection.wabaId))).map(
      (flow) => flow.name,
    ),
  );
  for (let n = 2; ; n += 1) {
    const name = `${stem} (${n})`;
    if (!taken.has(name)) {
      return name;
    }
  }
}

async function validationErrorsStep(sync: Sync, upload: Upload): Promise<NodeProblem[]> {
  const { deps, meta, publication, prepared } = sync;

  return step(sync, 'validation_errors', async (onAttempt) => {
    const errors =
      upload.errors ??
      (
        await withRetry(
          meta.retry,
          () => meta.flows.getFlow(upload.metaFlowId, ['validation_errors']),
          onAttempt,
        )
      ).validation_errors ??
      [];
    const problems = metaNodeProblems(prepared.graph, prepared.compiled.text, errors);
    await deps.prisma.flowPublication.update({
      where: { id: publication.id },
      data: { validationErrors: problems },
    });
    if (problems.length > 0) {
      throw new StepRefusal(`${problems.length} validation error(s) from Meta`, problems);
    }

    return { value: problems, detail: 'Meta reports no validation errors' };
  }).catch(async (error: unknown) => {
    if (!(error instanceof StepRefusal)) {
      throw error;
    }
    await sync.tracker.run.finish('validation_errors', 'failed', error.message);
    sync.tracker.current = undefined;

    return error.problems;
  });
}

class StepRefusal extends Error {
  constructor(
    message: string,
    readonly problems: NodeProblem[],
  ) {
    super(message);
  }
}

/** Sets the endpoint URI when it changed and checks the number's key is signed (spec B9). */
async function endpointStep(sync: Sync, metaFlowId: string): Promise<boolean> {
  const { deps, meta, publication, prepared } = sync;
  const { input, graph } = prepared;

  return step(sync, 'endpoint', async (onAttempt) => {
    const endpointUri = input.endpointUri;
    if (!(input.endpoint ?? usesEndpoint(graph)) || endpointUri === undefined) {
      return { value: false, detail: 'no endpoint', skipped: true };
    }
    const changed =
      publication.endpointUri !== endpointUri || publication.metaFlowId !== metaFlowId;
    if (changed) {
      await withRetry(
        meta.retry,
        () =>
          meta.flows.updateFlow(metaFlowId, {
            endpointUri,
            applicationId: meta.connection.appId,
          }),
        onAttempt,
      );
      await deps.prisma.flowPublication.update({
        where: { id: publication.id },
        data: { endpointUri },
      });
    }
    const key = await withRetry(meta.retry, () =>
      meta.graph.getBusinessPublicKey(meta.connection.phoneNumberId),
    );
    const signature = key?.business_public_key_signature_status ?? 'none on record';
    if (signature !== 'VALID') {
      throw new GraphApiError(
        `The phone number's public key is not registered (signature status: ${signature}); upload it with \`sflow keys upload\``,
        { kind: 'graph', httpStatus: 400, isTransient: false },
      );
    }
    const what = changed ? `endpoint set to ${endpointUri}` : `endpoint ${endpointUri} unchanged`;

    return { value: changed, detail: `${what}; public key signature VALID` };
  });
}

async function publishStep(sync: Sync, upload: Upload, endpointChanged: boolean): Promise<boolean> {
  const { deps, meta, publication } = sync;
  const { metaFlowId } = upload;

  return step(sync, 'publish', async (onAttempt) => {
    const live = upload.status === 'PUBLISHED' || upload.status === 'THROTTLED';
    if (live && !upload.uploaded && !endpointChanged) {
      return { value: false, detail: `already ${upload.status}`, skipped: true };
    }
    try {
      await withRetry(meta.retry, () => meta.flows.publishFlow(metaFlowId), onAttempt);
    } catch (error) {
      // A publish whose answer was lost may have happened: Meta then refuses the repeat.
      const status = await readStatus(meta, metaFlowId);
      if (status !== 'PUBLISHED') {
        throw error;
      }
    }
    await deps.prisma.flowPublication.update({
      where: { id: publication.id },
      data: { status: 'PUBLISHED', publishedAt: new Date() },
    });

    return { value: true, detail: `published ${metaFlowId}` };
  });
}

async function readStatus(meta: MetaAccess, metaFlowId: string): Promise<string | undefined> {
  try {
    return (await meta.flows.getFlow(metaFlowId, ['status'])).status;
  } catch {
    return undefined;
  }
}

/** Checks only: what a publish would do, calling Meta for reads alone. */
async function dryRun(sync: Sync): Promise<SyncResult> {
  const { publication, prepared, tracker } = sync;
  const { contentHash } = prepared.compiled;
  const create = publication.metaFlowId === null;
  const upload = create || publication.uploadedHash !== contentHash;
  await step(sync, 'create', () =>
    Promise.resolve({
      value: null,
      detail: create
        ? 'dry run: would create the Flow'
        : `exists as ${publication.metaFlowId ?? ''}`,
      skipped: true,
    }),
  );
  await step(sync, 'upload', () =>
    Promise.resolve({
      value: null,
      detail: upload ? 'dry run: would upload' : 'unchanged: Meta has this Flow JSON',
      skipped: true,
    }),
  );
  await skipRest(tracker.run, 'upload', 'dry run');
  const changes = upload || publication.status !== 'PUBLISHED';

  return {
    status: changes ? 'dry_run' : 'unchanged',
    message: changes
      ? `Would ${create ? 'create, upload and publish' : upload ? 'upload and publish' : 'publish'}`
      : 'Nothing to do: Meta has this Flow JSON, published',
    metaFlowId: publication.metaFlowId,
    uploaded: upload,
    problems: [],
  };
}

function categoriesOf(publication: Publication): string[] {
  const value = publication.categories;

  return Array.isArray(value) && value.length > 0 ? value.map(String) : ['OTHER'];
}

function isNotEditable(error: unknown): boolean {
  return error instanceof GraphApiError && error.code === 139_001;
}
