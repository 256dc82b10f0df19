import type { ErrorRequestHandler, RequestHandler } from 'express';

/** JSON 404 for unknown API paths, so scripts never get the editor's HTML by mistake. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    error: {
      code: 'NOT_FOUND',
      message: `No route for ${req.method} ${req.originalUrl.split('?')[0]}`,
    },
  });
};

/**
 * The last word on any error that escaped a route: a status and a safe message, never a
 * stack trace. Body-parser errors carry their own 4xx status.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = httpStatusOf(error);
  if (status >= 500) {
    req.log.error({ err: error }, 'request failed');
  }
  if (res.headersSent) {
    res.end();

    return;
  }
  const message = status >= 500 ? 'Internal server error' : errorMessage(error);
  res
    .status(status)
    .json({ error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message } });
};

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;

  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Bad request';
}
