#!/usr/bin/env node
// `npm test`: unit and integration tests (Vitest), then the browser journeys (Playwright in
// Debian's Chromium). Finds Chromium, or installs it when running as root.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) {
    throw result.error;
  }

  return result.status ?? 1;
}

function findChromium() {
  return CHROMIUM_CANDIDATES.find((candidate) => candidate && existsSync(candidate));
}

function ensureChromium() {
  const found = findChromium();
  if (found) {
    return found;
  }
  if (process.getuid?.() !== 0) {
    console.error(
      'The browser tests need Chromium. Install it with: sudo apt-get install -y chromium\n' +
        '(or set CHROMIUM_PATH to a Chromium or Chrome executable).',
    );
    process.exit(2);
  }
  console.log('Chromium not found: installing Debian’s chromium package…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', 'chromium'], { env }) !== 0
  ) {
    console.error('Could not install chromium with apt-get.');
    process.exit(2);
  }

  return findChromium();
}

const chromium = ensureChromium();
const steps = [
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['build', 'npm', ['run', 'build']],
  ['browser journeys', 'npm', ['--workspace', 'e2e', 'run', 'test']],
];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const status = run(command, args, { env: { ...process.env, CHROMIUM_PATH: chromium } });
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status})`);
    process.exit(status);
  }
}
console.log('\n✔ all tests passed');
