import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from './index';
import type { CliIo, ServeOptions } from './index';

const testData = (file: string) => fileURLToPath(new URL(`./test-data/${file}`, import.meta.url));
const CONTACT_US = testData('meta-tools_contact-us_v3.1.flow.json');
const SURVEY = testData('meta-tools_survey_v3.1.flow.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sflow(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    exitCode: 0,
  };
  const code = await runCli(argv, io);

  return { code, stdout, stderr };
}

let dir: string;
let notJson: string;
let noVersion: string;
let deepUnknown: string;
let calendarFlow: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sflow-cli-'));
  notJson = join(dir, 'not-json.json');
  await writeFile(notJson, '{\n  "version": "7.3",\n  "screens": [\n');
  noVersion = join(dir, 'no-version.json');
  const contactUs = JSON.parse(await readFile(CONTACT_US, 'utf8')) as Record<string, unknown>;
  const withoutVersion = { ...contactUs };
  delete withoutVersion.version;
  await writeFile(noVersion, JSON.stringify(withoutVersion, null, 2));
  deepUnknown = join(dir, 'deep-unknown.json');
  const broken = structuredClone(contactUs) as {
    screens: Array<{ layout: { children: Array<{ children: unknown[] }> } }>;
  };
  broken.screens[0]?.layout.children[0]?.children.splice(2, 0, {
    type: 'StarRating',
    name: 'stars',
  });
  await writeFile(deepUnknown, JSON.stringify(broken, null, 2));
  // A Flow from a collection file, as a Flow file of its own.
  const collection = JSON.parse(
    await readFile(testData('pywa_docs-examples_v6_1.flows.json'), 'utf8'),
  ) as Record<string, unknown>;
  calendarFlow = join(dir, 'calendar.json');
  await writeFile(calendarFlow, JSON.stringify(collection.calendar_picker_range_mode, null, 2));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sflow validate', () => {
  it('exits 0 when every file is valid, listing warnings and a summary', async () => {
    const run = await sflow('validate', CONTACT_US, SURVEY, calendarFlow);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${CONTACT_US}:2:14 /version warning: Flow JSON 3.1 can no longer be published`,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      '3 files checked: 3 valid, 0 invalid (0 errors, 2 warnings).',
    );
  });

  it('exits 1 for text that is not JSON, with its position', async () => {
    const run = await sflow('validate', notJson);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${notJson}:4:1 (root) The file is not valid JSON:`);
  });

  it('exits 1 for a missing version and an unknown component deep in a Form', async () => {
    const run = await sflow('validate', CONTACT_US, noVersion, deepUnknown);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${noVersion}:1:1 /version The Flow has no “version”.`);
    expect(run.stdout).toMatch(
      new RegExp(
        `${deepUnknown}:\\d+:\\d+ /screens/0/layout/children/0/children/2/type The 3rd component in the Form “form” of screen “CONTACT_US” has the type “StarRating”`,
      ),
    );
    expect(run.stdout).toContain('3 files checked: 1 valid, 2 invalid (2 errors, 2 warnings).');
  });

  it('lists problems in the order they appear in the file', async () => {
    const file = join(dir, 'two-problems.json');
    const layout = (type: string) => ({ type: 'SingleColumnLayout', children: [{ type }] });
    const screens = [
      { id: 'A', layout: layout('Wobble') },
      { id: 'A', layout: layout('TextBody') },
    ];
    await writeFile(file, JSON.stringify({ version: '7.3', screens }, null, 2));
    const run = await sflow('validate', file);
    const pointers = run.stdout.split('\n').map((line) => line.split(' ')[1]);
    expect(pointers.slice(0, 4)).toEqual([
      '/screens',
      '/screens/0/layout/children/0/type',
      '/screens/1/id',
      '/screens/1/layout/children/0/text',
    ]);
  });

  it('prints exactly the JSON report with --format json', async () => {
    const run = await sflow('validate', '--format', 'json', CONTACT_US, deepUnknown, notJson);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as unknown;
    expect(report).toEqual([
      { file: CONTACT_US, valid: true, errors: [] },
      {
        file: deepUnknown,
        valid: false,
        errors: [
          {
            pointer: '/screens/0/layout/children/0/children/2/type',
            code: 'UNKNOWN_COMPONENT_TYPE',
            message: expect.stringContaining('StarRating') as string,
          },
        ],
      },
      {
        file: notJson,
        valid: false,
        errors: [
          {
            pointer: '',
            code: 'INVALID_JSON',
            message: expect.stringContaining('not valid JSON') as string,
          },
        ],
      },
    ]);
  });

  it('exits 2 when a file cannot be read', async () => {
    const missing = join(dir, 'missing.json');
    const run = await sflow('validate', CONTACT_US, missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot read ${missing}: no such file`);
    const json = await sflow('validate', '--format', 'json', missing);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: missing,
        valid: false,
        errors: [{ pointer: '', code: 'FILE_NOT_READABLE', message: expect.any(String) as string }],
      },
    ]);
  });

  it('exits 2 on usage errors', async () => {
    expect((await sflow('validate')).code).toBe(2);
    expect((await sflow('validate', '--format', 'xml', CONTACT_US)).code).toBe(2);
    expect((await sflow('frobnicate')).code).toBe(2);
    expect((await sflow()).code).toBe(2);
  });

  it('exits 0 for --help', async () => {
    const run = await sflow('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('validate');
  });
});

describe('sflow import and compile', () => {
  it('round-trips a Flow through a graph document', async () => {
    const graphFile = join(dir, 'survey.graph.json');
    const flowFile = join(dir, 'survey.flow.json');
    const imported = await sflow('import', SURVEY, '-o', graphFile);
    expect(imported).toMatchObject({
      code: 0,
      stdout: `Imported 1 screen from ${SURVEY} into ${graphFile}.\n`,
    });
    const graph = JSON.parse(await readFile(graphFile, 'utf8')) as {
      schemaVersion: number;
      nodes: unknown[];
    };
    expect(graph.schemaVersion).toBe(1);
    const compiled = await sflow('compile', graphFile, '--output', flowFile);
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toMatch(/^Compiled .* \(sha256 [0-9a-f]{64}\)\.\n$/);
    expect(JSON.parse(await readFile(flowFile, 'utf8'))).toEqual(
      JSON.parse(await readFile(SURVEY, 'utf8')),
    );
  });

  it('imports a Flow with problems but reports them', async () => {
    const graphFile = join(dir, 'deep.graph.json');
    const run = await sflow('import', deepUnknown, '-o', graphFile);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('has the type “StarRating”');
    const compiled = await sflow('compile', graphFile, '-o', join(dir, 'deep.flow.json'));
    expect(compiled.code).toBe(1);
    expect(compiled.stderr).toMatch(
      /deep\.flow\.json:\d+:\d+ \/screens\/0\/layout\/children\/0\/children\/2\/type/,
    );
  });

  it('refuses input that is not JSON or not a graph, and a missing output option', async () => {
    expect((await sflow('import', notJson, '-o', join(dir, 'x.json'))).code).toBe(1);
    expect((await sflow('compile', CONTACT_US, '-o', join(dir, 'y.json'))).code).toBe(1);
    expect((await sflow('compile', notJson, '-o', join(dir, 'y.json'))).code).toBe(1);
    expect((await sflow('import', SURVEY)).code).toBe(2);
    expect((await sflow('import', join(dir, 'absent.json'), '-o', join(dir, 'z.json'))).code).toBe(
      2,
    );
    expect((await sflow('import', SURVEY, '-o', join(dir, 'no-such-dir', 'z.json'))).code).toBe(2);
  });
});

describe('sflow upgrade', () => {
  it('upgrades a Flow to 7.3 into another file and exits 0 when nothing is left', async () => {
    const output = join(dir, 'survey-7.3.json');
    const run = await sflow('upgrade', SURVEY, '--to', '7.3', '-o', output);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('changed /version: changed the version from 3.1 to 7.3');
    expect(run.stdout).toContain('valid, nothing left to do');
    const upgraded = JSON.parse(await readFile(output, 'utf8')) as { version: string };
    expect(upgraded.version).toBe('7.3');
    expect((await sflow('validate', output)).code).toBe(0);
  });

  it('rewrites the file in place and exits 1 when manual changes remain', async () => {
    const file = join(dir, 'sign-in.json');
    const collection = JSON.parse(
      await readFile(testData('pywa_docs-examples_v2_1.flows.json'), 'utf8'),
    ) as Record<string, unknown>;
    await writeFile(file, JSON.stringify(collection.sign_in, null, 2));
    const run = await sflow('upgrade', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('changed /data_channel_uri: removed “data_channel_uri”');
    expect(run.stdout).toMatch(new RegExp(`${file}:\\d+:\\d+ /routing_model/SIGN_IN to do:`));
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: '7.3' });
  });

  it('leaves a Flow already at the version untouched, placing its problems as validate does', async () => {
    const file = join(dir, 'bad.json');
    const text = [
      '{"version": "7.3",',
      ' "screens": [{"id": "ASK", "terminal": true, "layout": {"type": "SingleColumnLayout",',
      '   "children": [',
      '     {"type": "TextInput", "name": "city"},',
      '     {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}}',
      ' ]}}]}',
    ].join('\n');
    await writeFile(file, text);
    const validated = await sflow('validate', file);
    const place = /^(\S+:\d+:\d+) \/screens\/0\/layout\/children\/0\/label /m.exec(
      validated.stdout,
    );
    expect(place?.[1]).toBe(`${file}:4:6`);

    const run = await sflow('upgrade', file);
    expect(run.stdout).toContain(`${place?.[1] ?? ''} /screens/0/layout/children/0/label to do:`);
    expect(run.stdout).toContain(`${file} is already Flow JSON 7.3: nothing to upgrade`);
    expect(run.stdout).not.toContain('Upgraded');
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(run.code).toBe(1);
  });

  it('exits 2 for an unknown version, a downgrade or an unreadable file', async () => {
    expect((await sflow('upgrade', SURVEY, '--to', '8.0', '-o', join(dir, 'x.json'))).code).toBe(2);
    const output = join(dir, 'down.json');
    expect((await sflow('upgrade', SURVEY, '--to', '2.1', '-o', output)).code).toBe(2);
    expect((await sflow('upgrade', join(dir, 'absent.json'))).code).toBe(2);
    expect((await sflow('upgrade', notJson, '-o', output)).code).toBe(2);
  });
});

describe('sflow serve', () => {
  it('exists only when the server supplies a handler, and passes its options', async () => {
    let received: ServeOptions | undefined;
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, exitCode: 0 };
    const code = await runCli(['serve', '--port', '4010', '--host', '127.0.0.1'], io, {
      serve: (options) => {
        received = options;

        return Promise.resolve();
      },
    });
    expect(code).toBe(0);
    expect(received).toEqual({ port: 4010, host: '127.0.0.1' });
    expect(
      await runCli(['serve', '--port', 'eighty'], { ...io }, { serve: () => Promise.resolve() }),
    ).toBe(2);
    expect((await sflow('serve')).code).toBe(2);
  });
});
