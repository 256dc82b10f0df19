// Frame times measured inside the page: a requestAnimationFrame loop records the time between
// painted frames while a scripted interaction runs.
import type { Page } from 'playwright-core';

export interface FrameSummary {
  frames: number;
  /** Frames per second over the interaction: frames painted divided by the time they took. */
  fps: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

// Passed as text: tsx names the functions it compiles with a helper the page does not have.
const START_RECORDING = `(() => {
  const recorder = { frames: [], recording: true };
  window.benchFrames = recorder;
  let last = performance.now();
  const tick = (now) => {
    recorder.frames.push(now - last);
    last = now;
    if (recorder.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

// The first entry is the wait for the first frame, not a frame.
const STOP_RECORDING = `(() => {
  const recorder = window.benchFrames;
  recorder.recording = false;
  return recorder.frames.slice(1);
})()`;

export async function measureFrames(page: Page, interact: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_RECORDING);
  await interact();

  return page.evaluate<number[]>(STOP_RECORDING);
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

export function summarize(frames: readonly number[]): FrameSummary {
  const sorted = [...frames].sort((a, b) => a - b);
  const total = frames.reduce((sum, frame) => sum + frame, 0);

  return {
    frames: frames.length,
    fps: total === 0 ? 0 : (frames.length * 1000) / total,
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    maxMs: sorted.at(-1) ?? 0,
  };
}
