/**
 * How quickly the editor opens a 100-screen Flow and how smoothly it pans and drags a node,
 * next to a baseline measured in the same run (a blank Flow: one screen on the canvas). Drives
 * the built product in Debian's Chromium through playwright-core. Run `npm run build`, then
 * `npm run bench:editor`.
 */
import { loadavg } from 'node:os';

import { buildSampleFlow, type SampleFlowSpec } from '@sanjay-flow/flow-json';
import { chromium, type Page } from 'playwright-core';

import { measureFrames, summarize, type FrameSummary } from './frames';
import { signIn, startProduct } from './product';

const TARGET_INTERACTIVE_MS = 2_000;
const TARGET_FPS = 50;
const SCREENS = 100;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Quietened so that it contacts nothing but the product, and never throttles its frames.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** A 100-screen Flow of forms, branches and data passed along, as the Flow JSON bench uses. */
function largeFlowText(): string {
  const spec: SampleFlowSpec = {
    version: '7.3',
    withEndpoint: false,
    screens: Array.from({ length: SCREENS }, (_, index) => ({
      parent: Math.max(0, Math.floor((index - 1) / 2)),
      inputs: (['TextInput', 'Dropdown', 'CheckboxGroup', 'TextArea'] as const).slice(index % 3),
      texts: ['Your details', 'Option one', 'Name', 'Continue', 'I agree to the terms'],
      useForm: index % 2 === 0,
      passData: true,
    })),
  };

  return JSON.stringify(buildSampleFlow(spec), null, 2);
}

interface Figures {
  label: string;
  screens: number;
  interactiveMs: number;
  pan: FrameSummary;
  drag: FrameSummary;
}

/** From navigation to every screen card drawn and the next frame painted. */
async function openFlow(page: Page, url: string, screens: number): Promise<number> {
  await page.goto(url);
  await page
    .locator('.react-flow__node-screen')
    .nth(screens - 1)
    .waitFor({ state: 'visible', timeout: 60_000 });
  // Page scripts go as text: tsx names compiled functions with a helper the page lacks.

  return page.evaluate<number>(
    'new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))',
  );
}

async function dragBy(page: Page, from: { x: number; y: number }, steps: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= steps; step += 1) {
    await page.mouse.move(from.x + step * 4, from.y + step * 2);
  }
  await page.mouse.up();
}

async function measureFlow(page: Page, label: string, url: string, screens: number) {
  const interactiveMs = await openFlow(page, url, screens);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (pane === null) {
    throw new Error('the canvas has no pane');
  }
  // The pane's top-left corner is clear of the cards fitView centres.
  const pan = await measureFrames(page, () => dragBy(page, { x: pane.x + 20, y: pane.y + 60 }, 60));
  const title = page.locator('.react-flow__node-screen .screen-card__title').first();
  const box = await title.boundingBox();
  if (box === null) {
    throw new Error('no screen card to drag');
  }
  const drag = await measureFrames(page, () =>
    dragBy(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, 60),
  );

  return { label, screens, interactiveMs, pan: summarize(pan), drag: summarize(drag) };
}

function row(figures: Figures): string {
  const frames = (summary: FrameSummary) =>
    `${summary.fps.toFixed(0).padStart(4)} fps (median ${summary.medianMs.toFixed(1)} ms, p95 ${summary.p95Ms.toFixed(1)} ms, max ${summary.maxMs.toFixed(0)} ms)`;

  return [
    figures.label.padEnd(22),
    String(figures.screens).padStart(7),
    `${figures.interactiveMs.toFixed(0)} ms`.padStart(12),
    frames(figures.pan).padEnd(52),
    frames(figures.drag),
  ].join(' | ');
}

async function main(): Promise<void> {
  console.log(
    `load average before: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  const product = await startProduct();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const api = await signIn(context.request, product);
    const blank = await api.mutate<{ id: string }>('flows.create', { name: 'Bench blank' });
    const large = await api.mutate<{ id: string }>('flows.import', {
      fileName: 'bench-100-screens.json',
      text: largeFlowText(),
      name: 'Bench 100 screens',
    });
    const page = await context.newPage();
    const results = [
      await measureFlow(page, 'baseline: blank Flow', `${product.url}/flows/${blank.id}`, 1),
      await measureFlow(page, '100-screen Flow', `${product.url}/flows/${large.id}`, SCREENS),
    ];
    console.log(`${'flow'.padEnd(22)} | screens | interactive  | ${'pan'.padEnd(52)} | node drag`);
    results.forEach((figures) => console.log(row(figures)));
    const measured = results[1];
    if (measured !== undefined) {
      const interactiveMet = measured.interactiveMs < TARGET_INTERACTIVE_MS;
      const dragMet = measured.drag.fps >= TARGET_FPS;
      console.log(
        `target interactive < ${TARGET_INTERACTIVE_MS} ms: ${interactiveMet ? 'met' : 'NOT met'}; ` +
          `drag >= ${TARGET_FPS} fps: ${dragMet ? 'met' : 'NOT met'}`,
      );
    }
    console.log(
      `load average after: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
    await product.stop();
  }
}

await main();
