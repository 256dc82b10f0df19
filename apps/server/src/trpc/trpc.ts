import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

import { AppError, ERROR_MAPPINGS } from '../errors';
import type { ProblemDetail } from '../errors';
import type { Context } from './context';

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

export const router = t.router;
export const procedure = t.procedure.use(mapAppErrors);
export const createCallerFactory = t.createCallerFactory;
