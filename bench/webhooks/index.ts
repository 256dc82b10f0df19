// Webhook intake benchmark: signed webhooks posted at the product's receiver and, in the same
// run, at a bare Express handler that only answers 200, on loopback. Run on demand:
//   npm run bench:webhooks -- --requests 20000 --concurrency 32
// With BENCH_DATABASE_URL (or --database-url) set, it runs on the embedded database and then
// on a fresh database of that PostgreSQL server.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { signPayload } from '@sanjay-flow/whatsapp';

import { startServerProcess } from '../common/server-process';
import { runLoad } from '../endpoint/load';
import type { LoadRequest, LoadResult } from '../endpoint/load';

const APP_SECRET = 'bench-webhook-app-secret';
const WABA = '710000000000001';
const PHONE = '720000000000001';
const FIXED_RATE = 1_000;

interface Setup {
  productUrl: string;
  bareUrl: string;
  database: string;
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
const WARM_UP = Math.min(2_000, Math.max(200, Math.floor(REQUESTS / 10)));

function startServers(databaseUrl: string): Promise<{ setup: Setup; stop: () => void }> {
  return startServerProcess<Setup>({
    script: fileURLToPath(new URL('./servers.ts', import.meta.url)),
    args: [databaseUrl],
    cpuProfileDir: values['cpu-prof'],
  });
}

/** A text message webhook with a message id of its own, signed like Meta signs it. */
function webhooks(prefix: string) {
  return (index: number): LoadRequest => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550001111', phone_number_id: PHONE },
                contacts: [{ profile: { name: 'Bench' }, wa_id: '15550002222' }],
                messages: [
                  {
                    from: '15550002222',
                    id: `wamid.${prefix}-${index}`,
                    timestamp: '1730231903',
                    type: 'text',
                    text: { body: 'Hello, I would like to book a table for two tonight.' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });

    return { body, signature: signPayload(body, APP_SECRET) };
  };
}

/** How many events the inbox worker has processed so far. */
async function processed(setup: Setup): Promise<number> {
  const counts = (await (await fetch(`${setup.bareUrl}/inbox`)).json()) as Record<string, number>;

  return counts['processed'] ?? 0;
}

/** Waits until the inbox worker has processed every event; answers the seconds it took. */
async function drain(setup: Setup, expected: number): Promise<number> {
  const startedAt = performance.now();
  while ((await processed(setup)) < expected) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return (performance.now() - startedAt) / 1000;
}

const line = (name: string, result: LoadResult) =>
  `${name.padEnd(24)} ${result.throughput.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2).padStart(6)} ms   p99 ${result.p99.toFixed(2).padStart(6)} ms   errors ${result.errors}${result.errors > 0 ? ` ${JSON.stringify(result.failures)}` : ''}`;

async function benchOne(databaseUrl: string) {
  const { setup, stop } = await startServers(databaseUrl);
  try {
    const plan = (url: string, requests: number, prefix: string, rate?: number) =>
      runLoad({
        url,
        requests,
        concurrency: CONCURRENCY,
        make: webhooks(prefix),
        ...(rate === undefined ? {} : { rate }),
      });
    await plan(setup.bareUrl, WARM_UP, 'warm-bare');
    await plan(setup.productUrl, WARM_UP, 'warm');
    await drain(setup, WARM_UP);

    const bare = await plan(setup.bareUrl, REQUESTS, 'bare');
    const product = await plan(setup.productUrl, REQUESTS, 'max');
    const drainSeconds = await drain(setup, WARM_UP + REQUESTS);
    const fixedRequests = Math.max(2_000, REQUESTS / 4);
    const fixed = await plan(setup.productUrl, fixedRequests, 'fixed', FIXED_RATE);
    const keptUp = (await processed(setup)) - (WARM_UP + REQUESTS);
    await drain(setup, WARM_UP + REQUESTS + fixedRequests);
    const ratio = product.throughput / bare.throughput;

    console.log(
      `\nwebhook intake on the ${setup.database} database: ${REQUESTS} webhooks, concurrency ${CONCURRENCY}, loopback\n`,
    );
    console.log(line('bare Express 200', bare));
    console.log(line('product receiver', product));
    console.log(line(`product @ ${FIXED_RATE} webhooks/s`, fixed));
    console.log('');
    const failed = bare.errors + product.errors + fixed.errors;
    if (failed > 0) {
      console.log(
        `${failed} answers failed: the figures below do not measure the receiver's work\n`,
      );
    }
    console.log(`throughput vs bare      ${(ratio * 100).toFixed(1)} %   (target ≥ 50 %)`);
    console.log(`p99 at ${FIXED_RATE} webhooks/s    ${fixed.p99.toFixed(2)} ms   (target < 50 ms)`);
    console.log(
      `inbox processing        the ${REQUESTS} events of the max-load run were processed ${drainSeconds.toFixed(1)} s after the last was answered`,
    );
    console.log(
      `                        at ${FIXED_RATE} webhooks/s, ${keptUp} of ${fixedRequests} events were processed by the run's last answer (${((keptUp / fixedRequests) * fixed.throughput).toFixed(0)}/s)`,
    );
  } finally {
    stop();
  }
}

await benchOne('');
if (values['database-url'] !== '') {
  await benchOne(values['database-url']);
}
