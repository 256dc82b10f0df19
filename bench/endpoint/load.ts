import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadRequest {
  body: string;
  signature: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Answers other than 200, by status (0: no answer). */
  failures: Record<number, number>;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
}

export interface LoadPlan {
  url: string;
  requests: number;
  concurrency: number;
  /** Requests per second to pace at; absent: as fast as `concurrency` allows. */
  rate?: number;
  make: (index: number) => LoadRequest;
}

/** Posts `requests` requests over keep-alive connections and measures each one. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const failures: Record<number, number> = {};
  let started = 0;
  let inFlight = 0;
  const startedAt = performance.now();
  const one = async (index: number) => {
    inFlight += 1;
    const request = plan.make(index);
    const sentAt = performance.now();
    const status = await post(agent, plan.url, request);
    latencies.push(performance.now() - sentAt);
    if (status !== 200) {
      errors += 1;
      failures[status] = (failures[status] ?? 0) + 1;
    }
    inFlight -= 1;
  };
  const pending = new Set<Promise<void>>();
  while (started < plan.requests) {
    const due =
      plan.rate === undefined
        ? plan.requests
        : Math.floor(((performance.now() - startedAt) / 1000) * plan.rate) + 1;
    while (started < Math.min(due, plan.requests) && inFlight < plan.concurrency) {
      const task = one(started);
      started += 1;
      pending.add(task);
      void task.finally(() => pending.delete(task));
    }
    await (plan.rate === undefined && pending.size > 0 ? Promise.race(pending) : sleep(1));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - startedAt) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);

  return {
    requests: plan.requests,
    errors,
    failures,
    seconds,
    throughput: plan.requests / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

function post(agent: http.Agent, url: string, request: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': request.signature,
          'content-length': Buffer.byteLength(request.body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', () => resolve(0));
    outgoing.end(request.body);
  });
}
