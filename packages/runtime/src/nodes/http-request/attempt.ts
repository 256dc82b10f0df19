import { RuntimeError } from '../../errors';
import type { HttpRequest, HttpResponse, RuntimePorts } from '../../ports';
import type { Deadline } from '../context';

export type AttemptResult =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'network_error'; message: string }
  | { kind: 'timeout' };

export type CallResult =
  | { ok: true; response: HttpResponse; attempts: number }
  | { ok: false; reason: string; status: number | null; attempts: number };

interface CallPlan {
  request: Omit<HttpRequest, 'timeoutMs' | 'signal'>;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  nodeId: string;
}

const isRetryableStatus = (status: number) => status >= 500 || status === 429;

/**
 * Sends the request, retrying network errors, timeouts, 5xx and 429 with exponential backoff.
 * Each attempt gets the smaller of the step's timeout and what is left of the request budget;
 * when the budget runs out the whole request fails with `DEADLINE_EXCEEDED`.
 */
export async function callWithRetries(
  plan: CallPlan,
  ports: RuntimePorts,
  deadline: Deadline,
): Promise<CallResult> {
  let last: CallResult = { ok: false, reason: 'not attempted', status: null, attempts: 0 };
  for (let attempt = 0; attempt <= plan.retries; attempt += 1) {
    if (attempt > 0 && !(await backOff(plan.backoffMs * 2 ** (attempt - 1), ports, deadline))) {
      return last;
    }
    const timeoutMs = Math.min(plan.timeoutMs, deadline.remainingMs());
    if (timeoutMs <= 0) {
      throw deadlineExceeded(plan.nodeId);
    }
    const result = await attemptOnce({ ...plan.request, timeoutMs }, ports);
    last = toCallResult(result, attempt + 1);
    if (last.ok || !isRetryable(result)) {
      return last;
    }
    if (deadline.remainingMs() <= 0) {
      throw deadlineExceeded(plan.nodeId);
    }
  }

  return last;
}

function deadlineExceeded(nodeId: string): RuntimeError {
  return new RuntimeError('DEADLINE_EXCEEDED', 'The request budget ran out during an HTTP call', {
    nodeId,
  });
}

// Returns false when there is no time left to wait and try again.
async function backOff(waitMs: number, ports: RuntimePorts, deadline: Deadline): Promise<boolean> {
  if (waitMs >= deadline.remainingMs()) {
    return false;
  }
  if (waitMs > 0) {
    await ports.delay(waitMs, new AbortController().signal);
  }

  return true;
}

function isRetryable(result: AttemptResult): boolean {
  return result.kind !== 'response' || isRetryableStatus(result.response.status);
}

function toCallResult(result: AttemptResult, attempts: number): CallResult {
  switch (result.kind) {
    case 'response': {
      const { status } = result.response;
      if (status >= 200 && status < 300) {
        return { ok: true, response: result.response, attempts };
      }

      return { ok: false, reason: `HTTP status ${status}`, status, attempts };
    }
    case 'network_error':
      return { ok: false, reason: `network error: ${result.message}`, status: null, attempts };
    case 'timeout':
      return { ok: false, reason: 'timed out', status: null, attempts };
  }
}

/** Races one request against the injected delay; the loser is aborted and its outcome ignored. */
async function attemptOnce(
  request: Omit<HttpRequest, 'signal'>,
  ports: RuntimePorts,
): Promise<AttemptResult> {
  const controller = new AbortController();
  const call = settle(
    ports.http.request({ ...request, signal: controller.signal }).then(
      (response): AttemptResult => ({ kind: 'response', response }),
      (error: unknown): AttemptResult => ({ kind: 'network_error', message: errorMessage(error) }),
    ),
  );
  const timer = settle(
    ports
      .delay(request.timeoutMs, controller.signal)
      .then((): AttemptResult => ({ kind: 'timeout' })),
  );
  const result = await Promise.race([call, timer]);
  controller.abort();

  return result;
}

// A promise that never rejects, so the side that loses the race cannot become an unhandled rejection.
function settle(promise: Promise<AttemptResult>): Promise<AttemptResult> {
  return promise.catch((error: unknown): AttemptResult => ({
    kind: 'network_error',
    message: errorMessage(error),
  }));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown failure';
}
