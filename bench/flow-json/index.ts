/**
 * How long Flow JSON validation and compilation take on realistic Flows, next to the cost of
 * merely parsing and printing the same JSON. Run with `npm run bench:flow-json`.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { buildSampleFlow, validateFlowJson, validateFlowJsonText } from '@sanjay-flow/flow-json';
import type { SampleFlowSpec, SampleInputKind } from '@sanjay-flow/flow-json';
import { compileGraph, importFlowJson } from '@sanjay-flow/graph';

/** The editor re-validates and re-compiles on every edit: both together must fit in one frame. */
const TARGET_MS = 16;
const SIZES = [10, 100];
const WARM_UP_RUNS = 30;
const MEASURED_RUNS = 200;
const INPUT_MIX: SampleInputKind[] = [
  'TextInput',
  'Dropdown',
  'CheckboxGroup',
  'DatePicker',
  'TextArea',
  'RadioButtonsGroup',
];
const TEXTS = [
  'Tell us about you',
  'Your details',
  'Option one',
  'Name',
  'I agree to the terms',
  'Continue',
  'Send',
];

/** A Flow of `screens` screens: forms with four inputs, data passed along, several branches, an endpoint. */
function realisticFlow(screens: number): Record<string, unknown> {
  const spec: SampleFlowSpec = {
    version: '7.3',
    withEndpoint: true,
    screens: Array.from({ length: screens }, (_, index) => ({
      parent: Math.max(0, Math.floor((index - 1) / 2)),
      inputs: INPUT_MIX.slice(index % 3, (index % 3) + 4),
      texts: TEXTS,
      useForm: index % 2 === 0,
      passData: true,
    })),
  };

  return buildSampleFlow(spec);
}

/**
 * Median CPU time of `run`, in milliseconds. CPU time (user + system of this process) rather
 * than wall time, so that other work on a shared machine does not count against the code.
 */
function median(run: () => unknown): number {
  for (let index = 0; index < WARM_UP_RUNS; index += 1) {
    run();
  }
  const times: number[] = [];
  for (let index = 0; index < MEASURED_RUNS; index += 1) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((left, right) => left - right);

  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Median wall-clock time of `run`, in milliseconds, for comparison. */
function medianWall(run: () => unknown): number {
  const times: number[] = [];
  for (let index = 0; index < MEASURED_RUNS; index += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((left, right) => left - right);

  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const format = (milliseconds: number) => milliseconds.toFixed(3).padStart(9);

async function main(): Promise<void> {
  console.log(
    `Flow JSON validation and compilation (median CPU time of ${MEASURED_RUNS} runs, milliseconds)\n`,
  );
  console.log(
    'screens  components   validate  val. text    compile  val.+comp.  parse+print   ratio     sha256  val.+comp. wall',
  );
  let missed = false;
  for (const size of SIZES) {
    const flow = realisticFlow(size);
    const text = JSON.stringify(flow, null, 2);
    const errors = validateFlowJson(flow).filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      throw new Error(`the generated Flow is not valid: ${errors[0]?.message ?? ''}`);
    }
    const graph = await importFlowJson(flow);
    const components = (
      text.match(/"type": "(?!SingleColumnLayout|screen|string|array|object)/g) ?? []
    ).length;
    const validate = median(() => validateFlowJson(flow));
    const validateText = median(() => validateFlowJsonText(text));
    const compile = median(() => compileGraph(graph).text);
    // The content hash is worked out when read (on save), so it is measured on its own.
    const hash = median(() => compileGraph(graph).contentHash);
    const baseline = median(() => JSON.stringify(JSON.parse(text), null, 2));
    const total = validate + compile;
    const wall =
      medianWall(() => compileGraph(graph).text) + medianWall(() => validateFlowJson(flow));
    missed ||= size === 100 && total >= TARGET_MS;
    console.log(
      `${String(size).padStart(7)}  ${String(components).padStart(10)}  ${format(validate)}  ${format(validateText)}  ${format(compile)}  ${format(total).padStart(10)}  ${format(baseline).padStart(11)}  ${(total / baseline).toFixed(1).padStart(6)}×  ${format(hash - compile)}  ${format(wall).padStart(15)}`,
    );
  }
  console.log(
    `\nTarget: a 100-screen Flow validates and compiles in under ${TARGET_MS} ms — ${missed ? 'MISSED' : 'met'}.`,
  );
  console.log('ratio = (validate + compile) / (JSON.parse + JSON.stringify of the same text).');
  console.log(
    'val. text = parse the text with positions, then validate; sha256 = extra time to hash the compiled text;',
  );
  console.log(
    'val.+comp. wall = the same in wall-clock time, which includes waiting for the CPU on a busy machine.',
  );
  console.log(
    `Load average while measuring: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(', ')} — busy machines give slower numbers.`,
  );
}

await main();
