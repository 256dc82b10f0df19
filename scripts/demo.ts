// `npm run demo`: the product with its local Meta stand-in, set up to show the whole journey
// with one command. It starts the booking API the sample Flow calls, the server with the
// stand-in (as `SFLOW_META_SIM=1 npm start` does), uploads the demo connection's key pair,
// saves the booking Flow, puts it at the stand-in (created, linked, published), and has one
// customer write "book" and complete it through the encrypted data endpoint. Then it waits for
// Ctrl-C, leaving the editor to explore.
//
//   npm run demo                      editor on http://127.0.0.1:3000, stand-in on 3001
//   npm run demo -- --port 4100       editor on 4100, stand-in on 4101
//   npm run demo -- --once            stops once the customer's booking is a response
//
// Everything it keeps is in its own folder (`--dir`, default `.sflow-demo`), made afresh on
// every run; a folder the demo did not make is never emptied. Nothing listens beyond 127.0.0.1.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { runningHolderOf } from '@sanjay-flow/db';

import {
  customerWrites,
  DEMO_BUSINESS,
  demoConnection,
  jsonClient,
  phoneInbox,
  publishAtStandIn,
  saveBookingFlow,
  startBookingApi,
  stopChild,
} from './demo/journey';

const SERVER_ENTRY = fileURLToPath(new URL('../apps/server/dist/main.js', import.meta.url));
const CLI_ENTRY = fileURLToPath(new URL('../apps/server/dist/cli.js', import.meta.url));
/** Written into the demo's folder, so that a later run knows the folder is its own to empty. */
const MARKER = '.made-by-sflow-demo';
const MARKER_TEXT = 'Made by npm run demo; emptied by its next run.\n';
/** What a demo's folder holds: the marker, the database with its lock, the master key. */
const DEMO_ENTRIES = new Set([
  MARKER,
  'database',
  'database.lock',
  'database.lock.pid',
  'master.key',
]);
const FLOW_NAME = 'Booking (demo)';
const CUSTOMER = { waId: '15550100001', name: 'Ana Lima' };
const WAIT_MS = 30_000;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    dir: { type: 'string', default: '.sflow-demo' },
    once: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_534) {
  fail(`--port: a port is a whole number from 1 to 65534 (the stand-in takes the next one)`);
}
const url = `http://127.0.0.1:${port}`;
const simUrl = `http://127.0.0.1:${port + 1}`;
const dataDir = path.resolve(values.dir);

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(2);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Empties the demo's own folder from an earlier run. Refuses a folder holding anything the
 * demo does not make, or whose marker is not the demo's, and one a running demo still uses.
 */
async function freshFolder(): Promise<void> {
  const entries = existsSync(dataDir) ? readdirSync(dataDir) : [];
  if (entries.length > 0) {
    const ours =
      entries.every((entry) => DEMO_ENTRIES.has(entry)) &&
      statSync(marker(), { throwIfNoEntry: false })?.isFile() === true &&
      readFileSync(marker(), 'utf8') === MARKER_TEXT;
    if (!ours) {
      fail(`--dir: ${dataDir} holds files the demo did not make; choose another folder`);
    }
    const holder = await runningHolderOf(path.join(dataDir, 'database'));
    if (holder !== undefined) {
      fail(
        `--dir: a demo (process ${holder}) is running in ${dataDir}; stop it or choose another folder`,
      );
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(marker(), MARKER_TEXT);
}

function marker(): string {
  return path.join(dataDir, MARKER);
}

/** An API token for the demo's calls, made before the server starts (so it still greets you). */
function demoToken(): string {
  const made = spawnSync(
    process.execPath,
    [CLI_ENTRY, 'token', 'create', '--name', 'demo', '--role', 'owner'],
    {
      env: { ...process.env, SFLOW_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
  if (made.status !== 0) {
    fail(`could not make an API token: ${made.stderr.trim()}`);
  }

  return made.stdout.trim();
}

function startServer(): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SFLOW_DATA_DIR: dataDir,
      DATABASE_URL: '',
      SFLOW_META_SIM: '1',
      SFLOW_META_SIM_PORT: String(port + 1),
      // The Flow's HTTP steps call the booking API on this machine.
      SFLOW_HTTP_ALLOWED_HOSTS: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  // Passed on as it comes: the first start's one-time sign-in link is printed there.
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk).slice(-20_000);
  });

  return { child, stderr: () => stderr };
}

async function poll<T>(what: string, find: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const found = await find();
    if (found !== undefined) {
      return found;
    }
    if (Date.now() > until) {
      throw new Error(`no ${what} after ${WAIT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

let interrupted = false;
/** Ctrl-C or a stop request: settles once, whenever it comes. */
const interruption = new Promise<void>((resolve) => {
  const stopRequested = () => {
    interrupted = true;
    resolve();
  };
  process.once('SIGINT', stopRequested);
  process.once('SIGTERM', stopRequested);
});

async function main(): Promise<void> {
  if (!existsSync(SERVER_ENTRY) || !existsSync(CLI_ENTRY)) {
    fail('the server is not built: run npm run build first (npm run demo does)');
  }
  await freshFolder();
  const token = demoToken();
  const bookingApi = await startBookingApi();
  const server = startServer();
  const stop = async () => {
    // Ctrl-C in a terminal reaches the server too, which then shuts down by itself: a second
    // signal would make it stop without cleaning up.
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    if (interrupted && server.child.exitCode === null) {
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await stopChild(server.child);
    await bookingApi.close();
  };
  try {
    const api = jsonClient(url, { authorization: `Bearer ${token}` });
    const sim = jsonClient(simUrl);
    const connectionId = await demoConnection(api, server.child, server.stderr);
    say(`\n▶ Booking API for the sample Flow on ${bookingApi.url}`);

    await api.mutate('connections.keys.generate', { connectionId });
    await api.mutate('connections.keys.upload', { connectionId });
    say('▶ Key pair of the demo connection generated and uploaded to the stand-in');

    const flowId = await saveBookingFlow(api, FLOW_NAME, bookingApi.url);
    const metaFlowId = await publishAtStandIn({
      api,
      sim,
      productUrl: url,
      connectionId,
      flowId,
      name: FLOW_NAME,
    });
    say(`▶ "${FLOW_NAME}" saved, and published at the stand-in as Meta Flow ${metaFlowId}`);

    await customerWrites(sim, CUSTOMER, 'book');
    const inbox = () => phoneInbox(sim, CUSTOMER.waId);
    const flowMessage = await poll('Flow message to the customer', async () =>
      (await inbox()).find((message) => message.type === 'interactive'),
    );
    say(`▶ ${CUSTOMER.name} (${CUSTOMER.waId}) wrote "book" and received the Flow`);
    const completion = await sim.post<{ outcome: string; reason?: string }>(
      '/_sim/customers/flows/complete',
      {
        customer: { waId: CUSTOMER.waId },
        messageId: flowMessage.id,
        answers: {
          CHOOSE_DATE: { date: '2026-03-16' },
          CHOOSE_SLOT: { slot: '1430' },
          SUMMARY: { name: CUSTOMER.name },
        },
      },
    );
    if (completion.outcome !== 'completed') {
      throw new Error(`the customer could not complete the Flow: ${completion.reason ?? ''}`);
    }
    const confirmation = await poll('confirmation to the customer', async () =>
      (await inbox()).find((message) => message.type === 'text'),
    );
    const text = confirmation.content.text as { body?: string } | undefined;
    say(`▶ They completed it and got: "${text?.body ?? JSON.stringify(confirmation.content)}"`);
    await poll('response in the product', async () => {
      const { rows } = await api.query<{ rows: unknown[] }>('submissions.list', { flowId });

      return rows.length > 0 ? rows : undefined;
    });
    say(`▶ Their answers are a response of "${FLOW_NAME}": ${url}/flows/${flowId}/responses`);
    if (values.once) {
      return;
    }
    say(
      [
        '',
        `Open ${url} with the one-time sign-in link above. Another customer can write "book":`,
        `  curl -s -X POST ${simUrl}/_sim/customers/messages -H 'content-type: application/json' \\`,
        `    -d '{"phoneNumberId":"${DEMO_BUSINESS.phoneNumberId}","customer":{"waId":"15550100002","name":"Bo"},"text":"book"}'`,
        `and complete the Flow it receives (the stand-in's API: apps/meta-sim/README.md).`,
        'Ctrl-C stops the demo.',
      ].join('\n'),
    );
    await Promise.race([
      interruption,
      new Promise((resolve) => server.child.once('exit', resolve)),
    ]);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  const message = interrupted
    ? 'interrupted; stopped'
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`demo: ${message}\n`);
  process.exitCode = 1;
});
