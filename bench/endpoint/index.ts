// Data endpoint benchmark: encrypted, signed requests at the product's endpoint and at a
// baseline that only verifies, decrypts and re-encrypts, on loopback. Run on demand:
//   npm run bench:endpoint -- --requests 20000 --concurrency 32
//   npm run bench:endpoint -- --database-url postgresql://postgres@127.0.0.1:5432/postgres   (runs in a fresh database of that server)
//   npm run bench:endpoint -- --cpu-prof /tmp/profiles   (a V8 profile of the servers)
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { sealRequest } from '@sanjay-flow/meta-sim';
import { signPayload } from '@sanjay-flow/whatsapp';

import { startServerProcess } from '../common/server-process';
import { runLoad } from './load';
import type { LoadRequest, LoadResult } from './load';

interface Setup {
  productUrl: string;
  baselineUrl: string;
  durableUrl: string;
  publicKeyPem: string;
  appSecret: string;
  tokens: string[];
}

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? '' },
    'cpu-prof': { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
// Long enough for the heap and the embedded database's memory to reach their working size.
const WARM_UP = Math.min(20_000, Math.max(500, Math.floor(REQUESTS / 5)));

function startServers(): Promise<{ setup: Setup; stop: () => void }> {
  return startServerProcess<Setup>({
    script: fileURLToPath(new URL('./servers.ts', import.meta.url)),
    args: [String(CONCURRENCY * 2)],
    // Through the environment, not the command line, where other users could read it.
    env: { ...process.env, BENCH_DATABASE_URL: values['database-url'] },
    cpuProfileDir: values['cpu-prof'],
  });
}

function requestsFor(setup: Setup, action: 'INIT' | 'data_exchange') {
  return (index: number): LoadRequest => {
    const flowToken = setup.tokens[index % setup.tokens.length] ?? '';
    const { body } = sealRequest(
      {
        version: '3.0',
        action,
        flow_token: flowToken,
        screen: action === 'INIT' ? '' : 'FORM',
        data: { name: `n${index}` },
      },
      setup.publicKeyPem,
    );

    return { body, signature: signPayload(body, setup.appSecret) };
  };
}

interface Memory {
  rss: number;
  heapUsed: number;
}

async function memoryOf(setup: Setup): Promise<Memory> {
  const response = await fetch(`${setup.baselineUrl}/rss`);

  return (await response.json()) as Memory;
}

/** Samples the servers' memory every second while `work` runs. */
async function sampled<T>(setup: Setup, work: Promise<T>): Promise<[T, Memory[]]> {
  const samples: Memory[] = [];
  let done = false;
  const sampling = (async () => {
    while (!done) {
      samples.push(await memoryOf(setup));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await sampling;
  samples.push(await memoryOf(setup));

  return [result, samples];
}

// The machine is shared: its load beside the figures says how much they can be trusted.
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signed = (bytes: number) => `${bytes < 0 ? '−' : '+'}${mb(Math.abs(bytes))}`;
const percent = (fraction: number) =>
  `${fraction < 0 ? '−' : '+'}${Math.abs(fraction * 100).toFixed(1)} %`;
const line = (name: string, result: LoadResult) =>
  `${name.padEnd(22)} ${result.throughput.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2).padStart(6)} ms   p99 ${result.p99.toFixed(2).padStart(6)} ms   errors ${result.errors}${result.errors > 0 ? ` ${JSON.stringify(result.failures)}` : ''}`;

async function main() {
  const { setup, stop } = await startServers();
  try {
    const plan = (
      url: string,
      requests: number,
      make: (index: number) => LoadRequest,
      rate?: number,
    ) =>
      runLoad({
        url,
        requests,
        concurrency: CONCURRENCY,
        make,
        ...(rate === undefined ? {} : { rate }),
      });
    const exchange = requestsFor(setup, 'data_exchange');
    await plan(setup.productUrl, setup.tokens.length, requestsFor(setup, 'INIT'));
    await plan(setup.baselineUrl, WARM_UP, exchange);
    await plan(setup.durableUrl, WARM_UP, exchange);
    await plan(setup.productUrl, WARM_UP, exchange);
    const loadBefore = load();
    const memoryBefore = await memoryOf(setup);

    const floor = await plan(setup.baselineUrl, REQUESTS, exchange);
    const durable = await plan(setup.durableUrl, REQUESTS, exchange);
    const [product, samples] = await sampled(setup, plan(setup.productUrl, REQUESTS, exchange));
    const halfRate = product.throughput / 2;
    const halfLoad = await plan(
      setup.productUrl,
      Math.max(1_000, Math.floor(REQUESTS / 10)),
      exchange,
      halfRate,
    );
    const ratio = product.throughput / floor.throughput;
    const quarter = (index: number) =>
      samples[Math.min(samples.length - 1, Math.floor((samples.length - 1) * index))] ??
      memoryBefore;
    const database = values['database-url'] === '' ? 'embedded (PGlite)' : 'PostgreSQL';

    console.log(
      `data endpoint benchmark: ${REQUESTS} requests, concurrency ${CONCURRENCY}, loopback, ${database} database`,
    );
    console.log(
      `machine: ${os.cpus().length} cores, load average ${loadBefore} before, ${load()} after\n`,
    );
    console.log(line('crypto floor', floor));
    console.log(line('durable floor', durable));
    console.log(line('product', product));
    console.log(line(`product @ ${halfRate.toFixed(0)} req/s`, halfLoad));
    console.log('');
    const failed = floor.errors + durable.errors + product.errors + halfLoad.errors;
    if (failed > 0) {
      console.log(
        `${failed} answers failed: the figures below do not measure the endpoint's work\n`,
      );
    }
    console.log(`throughput vs floor   ${(ratio * 100).toFixed(1)} %   (target ≥ 70 %)`);
    console.log(
      `durable floor         ${((durable.throughput / floor.throughput) * 100).toFixed(1)} % of the floor; the product ${((product.throughput / durable.throughput) * 100).toFixed(1)} % of it`,
    );
    console.log(`p99 at half max load  ${halfLoad.p99.toFixed(2)} ms   (target < 25 ms)`);
    console.log(
      `resident memory       after warm-up ${mb(memoryBefore.rss)}; during the product's run ${[0.25, 0.5, 0.75, 1].map((at) => mb(quarter(at).rss)).join(' → ')}   (target: flat)`,
    );
    const peak = Math.max(...samples.map((sample) => sample.rss));
    const end = quarter(1).rss;
    console.log(
      `                      at the end ${signed(end - memoryBefore.rss)} (${percent(end / memoryBefore.rss - 1)}) from after warm-up; highest sample ${signed(peak - memoryBefore.rss)}`,
    );
    console.log(
      `JavaScript heap       after warm-up ${mb(memoryBefore.heapUsed)}; during the product's run ${[0.25, 0.5, 0.75, 1].map((at) => mb(quarter(at).heapUsed)).join(' → ')}`,
    );
  } finally {
    stop();
  }
}

await main();
