import type { Prisma, PrismaClient } from '@sanjay-flow/db';

/** The steps of a publish, in order: each is a row the editor polls. */
export const PUBLISH_STEPS = [
  'validate',
  'create',
  'upload',
  'validation_errors',
  'endpoint',
  'publish',
] as const;
export type PublishStepName = (typeof PUBLISH_STEPS)[number];

export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';
export type RunStatus = 'running' | 'published' | 'unchanged' | 'dry_run' | 'refused' | 'failed';

export interface NewRun {
  workspaceId: string;
  flowId: string;
  connectionId: string;
  dryRun: boolean;
  contentHash: string;
  flowJsonText: string;
}

/** Writes a run's progress as it happens, so that another process can show it. */
export interface RunRecorder {
  readonly runId: string;
  start(step: PublishStepName): Promise<void>;
  attempt(step: PublishStepName, attempt: number): Promise<void>;
  finish(
    step: PublishStepName,
    status: 'done' | 'skipped' | 'failed',
    detail: string,
  ): Promise<void>;
  end(
    status: Exclude<RunStatus, 'running'>,
    changes?: {
      metaFlowId?: string | null;
      uploaded?: boolean;
      error?: string;
      problems?: unknown;
    },
  ): Promise<void>;
}

export async function startRun(prisma: PrismaClient, run: NewRun): Promise<RunRecorder> {
  const created = await prisma.publishRun.create({
    data: {
      ...run,
      steps: { create: PUBLISH_STEPS.map((name, position) => ({ name, position })) },
    },
  });
  const runId = created.id;
  const step = (name: PublishStepName) => ({
    runId_position: { runId, position: PUBLISH_STEPS.indexOf(name) },
  });

  return {
    runId,
    start: async (name) => {
      await prisma.publishStep.update({
        where: step(name),
        data: { status: 'running', startedAt: new Date() },
      });
    },
    attempt: async (name, attempt) => {
      await prisma.publishStep.update({ where: step(name), data: { attempts: attempt } });
    },
    finish: async (name, status, detail) => {
      await prisma.publishStep.update({
        where: step(name),
        data: { status, detail, finishedAt: new Date() },
      });
    },
    end: async (status, changes = {}) => {
      await prisma.publishRun.update({
        where: { id: runId },
        data: {
          status,
          finishedAt: new Date(),
          ...(changes.metaFlowId === undefined ? {} : { metaFlowId: changes.metaFlowId }),
          ...(changes.uploaded === undefined ? {} : { uploaded: changes.uploaded }),
          ...(changes.error === undefined ? {} : { error: changes.error }),
          ...(changes.problems === undefined
            ? {}
            : { problems: changes.problems as Prisma.InputJsonValue }),
        },
      });
    },
  };
}

/** Tracks the step in progress, so that a failure is written on the step that failed. */
export interface StepTracker {
  current: PublishStepName | undefined;
  run: RunRecorder;
}

/** Marks every step after `after` skipped, saying why. */
export async function skipRest(
  run: RunRecorder,
  after: PublishStepName,
  detail: string,
): Promise<void> {
  for (const step of PUBLISH_STEPS.slice(PUBLISH_STEPS.indexOf(after) + 1)) {
    await run.finish(step, 'skipped', detail);
  }
}
