import { createFlowRepository, type ConnectionRecord } from '@sanjay-flow/db';
import { validateFlowJsonText } from '@sanjay-flow/flow-json';
import {
  compileGraph,
  upgradeGraphDocument,
  usesEndpoint,
  type CompiledFlow,
  type GraphDocument,
} from '@sanjay-flow/graph';
import { GraphApiError } from '@sanjay-flow/whatsapp';

import { AppError } from '../errors';
import { flowNotFound } from '../flows/save-flow';
import { metaAccess, type PublishingDependencies } from './dependencies';
import { localNodeProblems, type NodeProblem } from './node-problems';
import { PublishInputSchema, type ParsedPublishInput, type PublishInput } from './publish-input';
import {
  skipRest,
  startRun,
  type RunRecorder,
  type RunStatus,
  type StepTracker,
} from './run-record';
import { syncToMeta, type Publication } from './sync-to-meta';

export interface PublishOutcome {
  runId: string;
  connectionId: string;
  connectionName: string;
  status: Exclude<RunStatus, 'running'>;
  metaFlowId: string | null;
  /** Whether the Flow JSON was uploaded (or, on a dry run, would be). */
  uploaded: boolean;
  problems: NodeProblem[];
  message: string;
}

/** A publish ready to run: the Flow compiled once, one run recorded per connection. */
export interface PreparedPublish {
  input: ParsedPublishInput;
  workspaceId: string;
  flowName: string;
  graph: GraphDocument;
  compiled: CompiledFlow;
  localProblems: NodeProblem[];
  jobs: { connection: ConnectionRecord; run: RunRecorder }[];
}

/** Publishes a Flow to each connection in turn and answers how each one ended. */
export async function publishFlow(
  deps: PublishingDependencies,
  workspaceId: string,
  input: PublishInput,
): Promise<PublishOutcome[]> {
  return carryOutPublish(deps, await preparePublish(deps, workspaceId, input));
}

export async function preparePublish(
  deps: PublishingDependencies,
  workspaceId: string,
  rawInput: PublishInput,
): Promise<PreparedPublish> {
  const input = PublishInputSchema.parse(rawInput);
  const flow = await createFlowRepository(deps.prisma).get(workspaceId, input.flowId);
  if (flow === null) {
    throw flowNotFound();
  }
  const connections = await Promise.all(
    input.connectionIds.map((id) => deps.connections.record(workspaceId, id)),
  );
  const graph = upgradeGraphDocument(flow.graph);
  const compiled = compileGraph(graph);
  const localProblems = localNodeProblems(graph, validateFlowJsonText(compiled.text).problems);
  const jobs = [];
  for (const connection of connections) {
    const run = await startRun(deps.prisma, {
      workspaceId,
      flowId: flow.id,
      connectionId: connection.id,
      dryRun: input.dryRun,
      contentHash: compiled.contentHash,
      flowJsonText: compiled.text,
    });
    jobs.push({ connection, run });
  }

  return { input, workspaceId, flowName: flow.name, graph, compiled, localProblems, jobs };
}

/** Runs the prepared publishes one connection after the other; never throws for one of them. */
export async function carryOutPublish(
  deps: PublishingDependencies,
  prepared: PreparedPublish,
): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (const job of prepared.jobs) {
    outcomes.push(await publishToConnection(deps, prepared, job.connection, job.run));
  }

  return outcomes;
}

async function publishToConnection(
  deps: PublishingDependencies,
  prepared: PreparedPublish,
  connection: ConnectionRecord,
  run: RunRecorder,
): Promise<PublishOutcome> {
  const outcome = (
    status: PublishOutcome['status'],
    message: string,
    extra: Partial<PublishOutcome> = {},
  ): PublishOutcome => ({
    runId: run.runId,
    connectionId: connection.id,
    connectionName: connection.name,
    status,
    metaFlowId: null,
    uploaded: false,
    problems: [],
    message,
    ...extra,
  });
  const tracker: StepTracker = { current: undefined, run };
  try {
    const busy = await earlierRunInProgress(deps, prepared, connection.id, run.runId);
    if (busy !== undefined) {
      await skipRest(run, 'validate', 'not started');
      await run.finish('validate', 'skipped', 'not started');
      await run.end('refused', { error: busy });

      return outcome('refused', busy);
    }
    const refusal = await validateStep(prepared, tracker);
    if (refusal !== undefined) {
      await skipRest(run, 'validate', 'not reached: the Flow was refused');
      await run.end('refused', { error: refusal.message, problems: refusal.problems });

      return outcome('refused', refusal.message, { problems: refusal.problems });
    }
    const meta = metaAccess(deps, connection);
    const publication = await publicationFor(deps, prepared, connection);
    const result = await syncToMeta(deps, prepared, meta, publication, tracker);
    await run.end(result.status, {
      metaFlowId: result.metaFlowId,
      uploaded: result.uploaded,
      ...(result.status === 'refused' ? { error: result.message } : {}),
      problems: result.problems,
    });

    return outcome(result.status, result.message, result);
  } catch (error) {
    const failed = describeFailure(error);
    deps.log?.warn({ err: error, runId: run.runId, step: tracker.current }, 'publish failed');
    if (tracker.current !== undefined) {
      await run.finish(tracker.current, 'failed', failed.message);
      await skipRest(run, tracker.current, 'not reached');
    }
    await run.end(failed.status, { error: failed.message });

    return outcome(failed.status, failed.message);
  }
}

async function validateStep(
  prepared: PreparedPublish,
  tracker: StepTracker,
): Promise<{ message: string; problems: NodeProblem[] } | undefined> {
  const { run } = tracker;
  tracker.current = 'validate';
  await run.start('validate');
  const { localProblems, input, graph } = prepared;
  let message: string | undefined;
  if (localProblems.length > 0) {
    const first = localProblems[0];
    message = `The Flow has ${localProblems.length} validation error(s); the first: ${first?.message ?? ''}`;
  } else if (usesEndpoint(graph) && input.endpoint === false) {
    message = 'The Flow calls its data endpoint (data_exchange): publish it with the endpoint on';
  } else if ((input.endpoint ?? usesEndpoint(graph)) && input.endpointUri === undefined) {
    message =
      'The endpoint is on but no endpoint URI was given: use https://<your host>/endpoint/<flow id>';
  }
  if (message !== undefined) {
    await run.finish('validate', 'failed', message);
    tracker.current = undefined;

    return { message, problems: localProblems };
  }
  const screens = (prepared.compiled.flowJson.screens as unknown[]).length;
  await run.finish('validate', 'done', `valid Flow JSON, ${screens} screen(s)`);
  tracker.current = undefined;

  return undefined;
}

/** The Flow's publication on the connection, made when the Flow has none yet. */
async function publicationFor(
  deps: PublishingDependencies,
  prepared: PreparedPublish,
  connection: ConnectionRecord,
): Promise<Publication> {
  const { workspaceId, input } = prepared;
  const categories = input.categories;
  const where = { flowId_connectionId: { flowId: input.flowId, connectionId: connection.id } };

  return deps.prisma.flowPublication.upsert({
    where,
    create: {
      workspaceId,
      flowId: input.flowId,
      connectionId: connection.id,
      metaFlowId: null,
      metaFlowName: prepared.flowName,
      categories: categories ?? ['OTHER'],
    },
    update: categories === undefined ? {} : { categories },
  });
}

/** How long a run may be `running` before it counts as abandoned (its process stopped). */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * Two publishes of one Flow to one connection at once would race for the create and the
 * upload: the later one stands back while an earlier one is still running.
 */
async function earlierRunInProgress(
  deps: PublishingDependencies,
  prepared: PreparedPublish,
  connectionId: string,
  runId: string,
): Promise<string | undefined> {
  const self = await deps.prisma.publishRun.findUniqueOrThrow({ where: { id: runId } });
  const earlier = await deps.prisma.publishRun.findFirst({
    where: {
      flowId: prepared.input.flowId,
      connectionId,
      status: 'running',
      dryRun: false,
      id: { not: runId },
      createdAt: { gt: new Date(Date.now() - ABANDONED_AFTER_MS) },
      OR: [{ createdAt: { lt: self.createdAt } }, { createdAt: self.createdAt, id: { lt: runId } }],
    },
  });

  return earlier === null || prepared.input.dryRun
    ? undefined
    : `Another publish of this Flow to this connection is running (started ${earlier.createdAt.toISOString()}): wait for it`;
}

/** A failure's words for the run, and whether Meta refused (4xx) or the call failed. */
function describeFailure(error: unknown): { status: 'refused' | 'failed'; message: string } {
  if (error instanceof GraphApiError) {
    const details = error.details === undefined ? '' : `: ${error.details}`;
    const code = error.code === undefined ? '' : ` (code ${error.code})`;
    const refused = error.kind === 'graph' && !error.isTransient && (error.httpStatus ?? 0) < 500;

    return { status: refused ? 'refused' : 'failed', message: `${error.message}${code}${details}` };
  }
  if (error instanceof AppError) {
    return { status: 'refused', message: error.message };
  }

  return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
}
