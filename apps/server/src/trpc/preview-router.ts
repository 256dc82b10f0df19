import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { compileProgram, upgradeGraphDocument } from '@sanjay-flow/graph';
import {
  createSession,
  DEFAULT_BUDGET_MS,
  JsonValueSchema,
  runEndpointRequest,
  SessionSchema,
} from '@sanjay-flow/runtime';
import type { HttpPort, Program, Session } from '@sanjay-flow/runtime';
import { z } from 'zod';

import { createHttpPort } from '../endpoint/http-port';
import { errorScreenReply } from '../endpoint/error-reply';
import { AppError } from '../errors';
import { flowNotFound } from '../flows/save-flow';
import type { Context } from './context';
import { editorProcedure, router } from './trpc';

/** Flow tokens of preview runs start with this, so a log line never passes for a customer's. */
export const PREVIEW_TOKEN_PREFIX = 'preview-';

const PreviewRequestSchema = z.object({
  action: z.enum(['INIT', 'data_exchange', 'BACK']),
  screen: z.string().max(200).optional(),
  data: z.record(z.string(), JsonValueSchema).optional(),
});

const PreviewExchangeInput = z.object({
  flowId: z.uuid({ error: 'not a Flow id' }),
  /** The session the previous exchange returned; `null` starts a new preview run. */
  session: SessionSchema.refine((session) => session.flowToken.startsWith(PREVIEW_TOKEN_PREFIX), {
    error: 'not a preview session',
  }).nullable(),
  request: PreviewRequestSchema,
});

type PreviewExchangeInput = z.infer<typeof PreviewExchangeInput>;

async function savedProgram(ctx: Context, flowId: string): Promise<Program> {
  const flow = await ctx.flows.get(ctx.workspaceId, flowId);
  if (!flow) {
    throw flowNotFound();
  }
  try {
    return compileProgram(upgradeGraphDocument(flow.graph));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('INVALID_GRAPH', `The Flow's logic cannot run: ${detail}`);
  }
}

function previewSession(session: Session | null): Session {
  return session ?? createSession(`${PREVIEW_TOKEN_PREFIX}${randomUUID()}`);
}

/**
 * Runs one data-endpoint request of the saved Flow's program for the editor's phone preview,
 * without Meta's encryption and without storing anything: the editor keeps the session
 * between calls. Effects (submissions, messages) are reported by kind and never carried out.
 */
export async function runPreviewExchange(
  ctx: Context,
  http: HttpPort,
  input: PreviewExchangeInput,
) {
  const program = await savedProgram(ctx, input.flowId);
  const session = previewSession(input.session);
  const request = { ...input.request, version: '3.0', flow_token: session.flowToken };
  const result = await runEndpointRequest({
    program,
    request,
    session,
    now: () => Date.now(),
    ports: { http, delay: (ms, signal) => sleep(ms, undefined, { signal }) },
    options: { budgetMs: ctx.preview?.budgetMs ?? DEFAULT_BUDGET_MS, debug: false },
  });
  if (!result.ok) {
    const { code, message, nodeId } = result.error;

    return {
      ok: false as const,
      error: { code, message, nodeId: nodeId ?? null },
      reply: errorScreenReply(program, session, request, result.error),
      session,
    };
  }

  return {
    ok: true as const,
    reply: result.reply,
    // Only ping answers without a session, and a preview never pings.
    session: result.session ?? session,
    effects: result.effects.map((effect) => effect.kind),
  };
}

/** The editor's phone preview: the running server answers a preview's endpoint screens. */
export const previewRouter = router({
  exchange: editorProcedure
    .input(PreviewExchangeInput)
    .mutation(({ ctx, input }) =>
      runPreviewExchange(
        ctx,
        createHttpPort({ allowedHosts: ctx.preview?.httpAllowedHosts ?? [] }),
        input,
      ),
    ),
});
