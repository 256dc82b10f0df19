import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKeyPairs } from '../connections/key-pairs';
import { createSecretBox } from '../secrets/secret-box';
import {
  metaFlowsOf,
  startPublishingWorld,
  twoScreenFlowJson,
  type PublishingWorld,
  type TestConnection,
} from '../publishing/publishing.test-helper';
import type { AdminOpener } from './admin-session';
import { runSflow } from './cli.test-helper';
import { EXIT_CODES } from './index';

let world: PublishingWorld;
let ci: TestConnection;
let folder: string;
let admin: AdminOpener;
let uploads = 0;

beforeAll(async () => {
  world = await startPublishingWorld();
  [ci] = (await world.addConnections(['ci'])) as [TestConnection];
  folder = await mkdtemp(path.join(os.tmpdir(), 'sflow-publish-'));
  const { prisma } = world.deps;
  admin = () =>
    Promise.resolve({
      workspaceId: world.workspaceId,
      connections: world.deps.connections,
      keyPairs: createKeyPairs({
        prisma,
        secrets: createSecretBox(randomBytes(32)),
        graceHours: 1,
      }),
      prisma,
      serverUrl: 'http://127.0.0.1:3000',
      close: () => Promise.resolve(),
    });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await world.close();
});

const sflow = (...argv: string[]) => runSflow(argv, { admin });

/** Counts the uploads the stand-in answers, by reading each Flow's asset version. */
async function assetVersion(metaFlowId: string): Promise<number> {
  const response = await fetch(`${world.sim.url}/v23.0/${metaFlowId}/assets`, {
    headers: { authorization: `Bearer ${ci.token}` },
  });
  const { data } = (await response.json()) as { data: { download_url: string }[] };
  const url = data[0]?.download_url ?? '';

  return Number(/\/(\d+)\/[^/]+$/.exec(url)?.[1] ?? 0);
}

describe('sflow publish and sflow flows pull', () => {
  it('publishes a file, and a second publish of the same file uploads nothing and says so', async () => {
    const file = path.join(folder, 'Signup.json');
    await writeFile(file, twoScreenFlowJson('Sign up'));

    const first = await sflow('publish', file, '--connection', 'ci', '--format', 'json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT_CODES.ok);
    const firstResult = (JSON.parse(first.stdout) as { results: Record<string, unknown>[] })
      .results[0];
    expect(firstResult).toMatchObject({
      status: 'published',
      uploaded: true,
      connectionName: 'ci',
    });
    const metaFlowId = String(firstResult?.metaFlowId);
    uploads = await assetVersion(metaFlowId);

    const second = await sflow('publish', file, '--connection', 'ci');
    expect(second.code).toBe(EXIT_CODES.ok);
    expect(second.stdout).toMatch(/^ci: unchanged — Nothing to do: .* \(nothing uploaded\)/);
    expect(second.stdout).toMatch(/skip upload: unchanged/);
    expect(await assetVersion(metaFlowId)).toBe(uploads);
    expect(uploads).toBe(1);
    const atMeta = await metaFlowsOf(world.sim, ci.wabaId, ci.token);
    expect(atMeta.filter((f) => f.name === 'Signup')).toHaveLength(1);
  });

  it('exits 1 with the problems of an invalid Flow, and 2 on usage errors', async () => {
    const broken = JSON.parse(twoScreenFlowJson()) as { screens: { terminal?: boolean }[] };
    delete broken.screens[1]?.terminal;
    const file = path.join(folder, 'Broken.json');
    await writeFile(file, JSON.stringify(broken, null, 4));

    const refused = await sflow('publish', file, '--connection', 'ci');
    expect(refused.code).toBe(EXIT_CODES.invalid);
    expect(refused.stdout).toMatch(/^ci: refused/);
    const placed = (output: string) =>
      [...output.matchAll(/(\S+:\d+:\d+) (\/\S*)/g)].map(
        ([, where, pointer]) => `${where} ${pointer}`,
      );
    const inFile = placed(refused.stdout);
    expect(inFile.length).toBeGreaterThan(0);
    expect(inFile.every((line) => line.startsWith(`${file}:`))).toBe(true);
    expect(placed((await sflow('validate', file)).stdout)).toEqual(expect.arrayContaining(inFile));
    expect(refused.stdout).toMatch(
      /\[screen THANKS \/layout\/children\/1\/on-click-action\/name\]/,
    );

    const truncated = path.join(folder, 'Truncated.json');
    await writeFile(truncated, '{\n  "version": "7.3",\n  "screens": [\n');
    const notJson = await sflow('publish', truncated, '--connection', 'ci');
    expect(notJson.code).toBe(EXIT_CODES.usage);
    expect(notJson.stderr).toMatch(
      new RegExp(`^${truncated}:4:1 \\(root\\) The file is not valid JSON: .+\\.\n$`),
    );

    const unknown = await sflow('publish', path.join(folder, 'missing.json'), '--connection', 'ci');
    expect(unknown.code).toBe(EXIT_CODES.usage);
    const noConnection = await sflow('publish', file);
    expect(noConnection.code).toBe(EXIT_CODES.usage);
  });

  it('a dry run of a changed file says it would upload, and uploads nothing (the file after --connection)', async () => {
    const file = path.join(folder, 'Signup.json');
    await writeFile(file, twoScreenFlowJson('Sign up today'));

    const dry = await sflow('publish', '--connection', 'ci', file, '--dry-run', '--format', 'json');

    expect(dry.code).toBe(EXIT_CODES.ok);
    const [result] = (JSON.parse(dry.stdout) as { results: Record<string, unknown>[] }).results;
    expect(result).toMatchObject({ status: 'dry_run', message: 'Would upload and publish' });
    expect(await assetVersion(String(result?.metaFlowId))).toBe(uploads);
  });

  it('lists the Flows on the connection and imports those not yet in the product', async () => {
    await fetch(`${world.sim.url}/v23.0/${ci.wabaId}/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ci.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Made at Meta',
        categories: ['OTHER'],
        flow_json: twoScreenFlowJson(),
      }),
    });

    const listed = await sflow('flows', 'pull', '--connection', 'ci');
    expect(listed.code).toBe(EXIT_CODES.ok);
    expect(listed.stdout).toMatch(/PUBLISHED\s+Signup \(Flow /);
    expect(listed.stdout).toMatch(/DRAFT\s+Made at Meta \(not in the product\)/);

    const pulled = await sflow(
      'flows',
      'pull',
      '--connection',
      'ci',
      '--import',
      '--format',
      'json',
    );
    const { imported } = JSON.parse(pulled.stdout) as { imported: { outcome: string }[] };
    expect(imported.map((r) => r.outcome)).toEqual(['imported']);
  });
});
