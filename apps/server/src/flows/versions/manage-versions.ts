import type { DbClient, FlowRecord, FlowRepository } from '@sanjay-flow/db';
import { compileGraph, upgradeGraphDocument, type GraphDocument } from '@sanjay-flow/graph';

import { AppError } from '../../errors';
import { asJson } from '../json';
import { flowNotFound } from '../save-flow';
import { diffDocuments } from './diff-documents';

/**
 * Named versions of a Flow and the way back to them. A version is an immutable snapshot of
 * the graph and its compiled Flow JSON (the same records sending takes); the Flow itself
 * holds the autosaved draft.
 */
export interface VersionDeps {
  flows: FlowRepository;
  prisma: DbClient;
  workspaceId: string;
}

/** The draft, for comparing a version with what the editor holds now. */
export const DRAFT = 'draft';

const summarySelect = {
  id: true,
  number: true,
  label: true,
  contentHash: true,
  createdAt: true,
} as const;

async function flowOrThrow(deps: VersionDeps, flowId: string): Promise<FlowRecord> {
  const flow = await deps.flows.get(deps.workspaceId, flowId);
  if (!flow) {
    throw flowNotFound();
  }

  return flow;
}

async function versionOrThrow(deps: VersionDeps, flowId: string, versionId: string) {
  const version = await deps.prisma.flowVersion.findFirst({
    where: { id: versionId, flowId },
    select: { ...summarySelect, graph: true },
  });
  if (!version) {
    throw new AppError('VERSION_NOT_FOUND', 'This Flow has no such version');
  }

  return version;
}

/** Every version of the Flow, newest first, and whether the draft is kept by none of them. */
export async function listVersions(deps: VersionDeps, flowId: string) {
  const flow = await flowOrThrow(deps, flowId);
  const versions = await deps.prisma.flowVersion.findMany({
    where: { flowId },
    orderBy: { number: 'desc' },
    select: summarySelect,
  });
  const draftHash = compileGraph(upgradeGraphDocument(flow.graph)).contentHash;

  return { versions, draftChanged: !versions.some((version) => version.contentHash === draftHash) };
}

/** Records the draft as it is saved now under a name the user chose. */
export async function saveVersion(deps: VersionDeps, flowId: string, label: string) {
  const flow = await flowOrThrow(deps, flowId);
  const version = await addSnapshot(deps, flowId, upgradeGraphDocument(flow.graph), label);

  return { id: version.id, number: version.number, label: version.label };
}

async function addSnapshot(deps: VersionDeps, flowId: string, graph: GraphDocument, label: string) {
  const { flowJson, contentHash } = compileGraph(graph);
  const version = await deps.flows.addVersion(deps.workspaceId, flowId, {
    label,
    graph: asJson(graph),
    flowJson: asJson(flowJson),
    contentHash,
  });
  if (!version) {
    throw flowNotFound();
  }

  return version;
}

export interface RestoreInput {
  flowId: string;
  versionId: string;
  /** The draft revision the editor holds: a draft saved elsewhere since is not overwritten. */
  expectedRevision: number;
}

/**
 * Makes a version the draft again. A draft that matches no version yet is kept first as a
 * version of its own, so restoring never loses work.
 */
export async function restoreVersion(deps: VersionDeps, input: RestoreInput) {
  const flow = await flowOrThrow(deps, input.flowId);
  const version = await versionOrThrow(deps, input.flowId, input.versionId);
  if (flow.revision !== input.expectedRevision) {
    throw staleDraft(flow.revision);
  }
  const { draftChanged } = await listVersions(deps, input.flowId);
  if (draftChanged) {
    const draft = upgradeGraphDocument(flow.graph);
    await addSnapshot(deps, input.flowId, draft, `Before restoring version ${version.number}`);
  }
  const result = await deps.flows.saveGraph(deps.workspaceId, input.flowId, {
    expectedRevision: input.expectedRevision,
    graph: asJson(upgradeGraphDocument(version.graph)),
  });
  switch (result.status) {
    case 'saved':
      return { revision: result.flow.revision, number: version.number };
    case 'conflict':
      throw staleDraft(result.current.revision);
    case 'not_found':
      throw flowNotFound();
  }
}

function staleDraft(revision: number): AppError {
  return new AppError(
    'STALE_REVISION',
    `This Flow was changed elsewhere (revision ${revision}); reload it before restoring`,
  );
}

async function documentOf(deps: VersionDeps, flow: FlowRecord, ref: string) {
  if (ref === DRAFT) {
    return { title: 'Current draft', graph: upgradeGraphDocument(flow.graph) };
  }
  const version = await versionOrThrow(deps, flow.id, ref);
  const name = version.label ?? 'Sent snapshot';

  return {
    title: `Version ${version.number}: ${name}`,
    graph: upgradeGraphDocument(version.graph),
  };
}

/** What changed from one version (or the draft) to another, screen by screen. */
export async function diffVersions(deps: VersionDeps, flowId: string, from: string, to: string) {
  const flow = await flowOrThrow(deps, flowId);
  const [before, after] = [await documentOf(deps, flow, from), await documentOf(deps, flow, to)];

  return {
    from: before.title,
    to: after.title,
    entries: diffDocuments(before.graph, after.graph),
  };
}
