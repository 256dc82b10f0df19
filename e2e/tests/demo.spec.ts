import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

// `npm run demo` on ports of its own (and the next one, for its stand-in).
const PORT = Number(process.env.E2E_DEMO_PORT ?? 43000);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('npm run demo takes a customer from "book" to a response in one command', async () => {
  test.setTimeout(150_000);
  const dir = join(mkdtempSync(join(tmpdir(), 'sflow-demo-')), 'demo');
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo.ts', '--once', '--port', String(PORT), '--dir', dir],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(stderr).not.toContain('demo: ');
    expect(code).toBe(0);
    expect(stdout).toContain('published at the stand-in as Meta Flow');
    expect(stdout).toMatch(/got: "Thank you Ana Lima: your appointment .* is booked/);
    expect(stdout).toContain('Their answers are a response of "Booking (demo)"');
    // The first start greets the owner with a one-time sign-in link, as `npm start` does.
    expect(stderr).toMatch(/sign in as owner@localhost with this one-time link/);

    // A folder the demo did not make (here the repository itself) is refused, untouched.
    const again = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo.ts', '--once', '--port', String(PORT), '--dir', ROOT],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let refusal = '';
    again.stderr.setEncoding('utf8').on('data', (chunk: string) => (refusal += chunk));
    expect(await new Promise((resolve) => again.once('exit', resolve))).toBe(2);
    expect(refusal).toContain('holds files the demo did not make');
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});
