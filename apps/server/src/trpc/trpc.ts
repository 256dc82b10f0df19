import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

import { AppError, ERROR_MAPPINGS } from '../errors';
import type { ProblemDetail } from '../errors';
import { ROLES, type Context, type Role } from './context';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const { problems, appCode, message } = describeError(error, shape.message);
    const { stack: _stack, ...data } = shape.data;

    return { ...shape, message, data: { ...data, appCode, problems } };
  },
});

/** What a client may see of an error: a readable message and the located problems. */
function describeError(error: TRPCError, message: string) {
  const cause = error.cause;
  if (cause instanceof AppError) {
    return { problems: cause.problems, appCode: cause.code, message };
  }
  if (cause instanceof ZodError) {
    // Input that failed a procedure's schema: one sentence instead of the raw issue list.
    const problems: ProblemDetail[] = cause.issues.map((issue) => ({
      pointer: issue.path.map((key) => `/${String(key)}`).join(''),
      code: 'INVALID_INPUT',
      message: issue.message,
    }));
    const described = problems.map(({ pointer, message: text }) =>
      pointer ? `${pointer.slice(1)}: ${text}` : text,
    );

    return { problems, appCode: undefined, message: `Invalid input: ${described.join('; ')}` };
  }
  // Internal errors keep their detail in the log; the client sees a generic message.
  const safe = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : message;

  return { problems: [] as ProblemDetail[], appCode: undefined, message: safe };
}

/** Turns an `AppError` thrown by a use case into the matching tRPC error. */
const mapAppErrors = t.middleware(async ({ next, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: ERROR_MAPPINGS[cause.code].trpc, message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ err: result.error.cause ?? result.error }, 'procedure failed');
    }
  }

  return result;
});

/** Refuses callers whose role ranks below `least`. */
function requireRole(least: Role) {
  return t.middleware(({ ctx, next }) => {
    if (ROLES.indexOf(ctx.role) < ROLES.indexOf(least)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${least} role` });
    }

    return next();
  });
}

export const router = t.router;
/** Any member of the workspace, viewers included: reads. */
export const procedure = t.procedure.use(mapAppErrors);
/** Editors and owners: changes to flows, connections and everything they use. */
export const editorProcedure = procedure.use(requireRole('editor'));
/** Owners only: members, tokens, retention, data-subject requests. */
export const ownerProcedure = procedure.use(requireRole('owner'));
export const createCallerFactory = t.createCallerFactory;
