import type { JsonObject } from '../json';
import type { Deadline, StepContext } from '../nodes/context';
import type { Program } from '../program/schema';
import type { HttpPort, HttpRequest, HttpResponse, RuntimePorts } from '../ports';

export const START = Date.UTC(2026, 2, 14, 9, 0, 0);

/** A clock that only moves when `delay` waits or a test advances it. */
export class FakeClock {
  current = START;

  readonly now = (): number => this.current;

  advance(ms: number): void {
    this.current += ms;
  }
}

export type HttpHandler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** Answers by handler, records every request, and can be told to take time on the fake clock. */
export class FakeHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];

  constructor(
    private readonly handler: HttpHandler,
    private readonly clock?: FakeClock,
    private readonly latencyMs = 0,
  ) {}

  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    this.clock?.advance(this.latencyMs);

    return this.handler(request);
  }
}

/** An HTTP port whose calls never settle, like a server that accepts and then hangs. */
export class HangingHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];

  request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);

    return new Promise(() => undefined);
  }
}

export function fakePorts(http: HttpPort, clock: FakeClock): RuntimePorts & { waits: number[] } {
  const waits: number[] = [];

  return {
    http,
    waits,
    // Waits a macrotask, so a request that answers at once wins the race against its timeout;
    // an aborted wait neither moves the clock nor counts.
    delay: async (ms, signal) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) {
        throw new Error('aborted');
      }
      waits.push(ms);
      clock.advance(ms);
    },
  };
}

export function json(status: number, body: unknown): HttpResponse {
  return { status, body: JSON.stringify(body) };
}

export const unusedHttp: HttpPort = {
  request: () => Promise.reject(new Error('no HTTP expected in this test')),
};

export function emptyProgram(overrides: Partial<Program> = {}): Program {
  return {
    programVersion: 1,
    flowJsonVersion: '7.1',
    screens: {},
    routes: {},
    nodes: [],
    edges: [],
    ...overrides,
  };
}

const roomyDeadline: Deadline = { remainingMs: () => 3_000 };

/** A step context for testing one node's executor on its own. */
export function stepContext(
  overrides: Partial<StepContext> & { payload?: JsonObject } = {},
): StepContext {
  const clock = new FakeClock();

  return {
    program: emptyProgram(),
    nodeId: 'node',
    payload: {},
    variables: {},
    flowToken: 'flow-token-1',
    currentScreen: 'FORM',
    effects: [],
    ports: fakePorts(unusedHttp, clock),
    now: clock.now,
    deadline: roomyDeadline,
    ...overrides,
  };
}
