import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedCustomer, seedWorkspace, tablesContaining } from '../privacy/subject.test-helper';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import type { AdminOpener } from './admin-session';
import { adminOpenerFor, runSflow } from './cli.test-helper';

const secrets = createSecretBox(randomBytes(32));
const CUSTOMER = { waId: '5511987654321', userId: 'BR.2024000111222333' };

let testDb: TestDatabase;
let dir: string;

beforeAll(async () => {
  testDb = await openTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'sflow-data-'));
}, 60_000);
afterAll(async () => {
  await testDb.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The admin session of the first workspace, as `openAdminSession` gives the default one. */
function openerFor(workspaceId: string): AdminOpener {
  return adminOpenerFor(testDb.db.prisma, secrets, workspaceId);
}

const sflow = (admin: AdminOpener, ...argv: string[]) => runSflow(argv, { admin });

describe('sflow data', () => {
  it("writes the customer's copy readable by its owner only, also over an existing file", async () => {
    const admin = openerFor(await testDb.createWorkspace());
    const fresh = join(dir, 'fresh.json');
    const existing = join(dir, 'existing.json');
    await writeFile(existing, 'old', { mode: 0o644 });

    for (const out of [fresh, existing]) {
      const run = await sflow(admin, 'data', 'export', '--phone', CUSTOMER.waId, '--out', out);
      expect(run.code).toBe(0);
      expect((await stat(out)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(out, 'utf8'))).toHaveProperty('submissions');
    }
  });

  it('exports to a file, refuses to erase without --yes, then erases everywhere', async () => {
    const prisma = testDb.db.prisma;
    const home = await testDb.createWorkspace('Home');
    const seeded = await seedWorkspace(prisma, await testDb.createWorkspace('Clinic'));
    await seedCustomer(prisma, seeded, CUSTOMER);
    const admin = openerFor(home);
    const out = join(dir, 'copy.json');

    const exported = await sflow(
      admin,
      'data',
      'export',
      '--phone',
      '+55 11 98765-4321',
      '--workspace',
      'Clinic',
      '--out',
      out,
    );
    expect(exported).toMatchObject({ code: 0, stderr: `sflow: wrote ${out}\n` });
    const copy = JSON.parse(await readFile(out, 'utf8')) as { submissions: unknown[] };
    expect(copy.submissions).toHaveLength(1);
    expect((await sflow(admin, 'data', 'export', '--phone', CUSTOMER.waId)).stdout).toContain(
      '"submissions": []',
    );

    const dryRun = await sflow(
      admin,
      'data',
      'erase',
      '--phone',
      CUSTOMER.waId,
      '--workspace',
      seeded.workspaceId,
    );
    expect(dryRun.code).toBe(1);
    expect(dryRun.stderr).toContain('--yes');
    expect(await prisma.submission.count({ where: { workspaceId: seeded.workspaceId } })).toBe(1);

    const erased = await sflow(
      admin,
      'data',
      'erase',
      '--phone',
      CUSTOMER.waId,
      '--workspace',
      'Clinic',
      '--yes',
    );
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/submissions\s+1/);
    // The dry run listed exactly what went, endpoint calls and queued jobs included.
    expect(dryRun.stdout).toBe(erased.stdout);
    expect(dryRun.stdout).toMatch(/endpointCalls\s+[1-9]/);
    expect(dryRun.stdout).toMatch(/jobs\s+[1-9]/);
    expect(await tablesContaining(prisma, CUSTOMER.waId)).toEqual({});
    expect(await tablesContaining(prisma, CUSTOMER.userId)).toEqual({});
    const after = await sflow(
      admin,
      'data',
      'export',
      '--phone',
      CUSTOMER.waId,
      '--workspace',
      'Clinic',
    );
    const empty = JSON.parse(after.stdout) as Record<string, unknown[]>;
    for (const key of ['flowSessions', 'submissions', 'outboundMessages', 'webhookEntries']) {
      expect(empty[key]).toEqual([]);
    }
    const audit = await prisma.auditEntry.findMany({ where: { workspaceId: seeded.workspaceId } });
    expect(audit.map((entry) => [entry.actorKind, entry.action]).sort()).toEqual([
      ['cli', 'subject_data.erase'],
      ['cli', 'subject_data.export'],
      ['cli', 'subject_data.export'],
    ]);
  });

  it('says what is wrong with a bad number or workspace', async () => {
    const admin = openerFor(await testDb.createWorkspace());

    const bad = await sflow(admin, 'data', 'erase', '--phone', '12-ab', '--yes');
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('sflow: --phone: a phone number is 6 to 15 digits');
    const unknown = await sflow(
      admin,
      'data',
      'export',
      '--phone',
      '123456789',
      '--workspace',
      'Nope',
    );
    expect(unknown).toMatchObject({ code: 1, stderr: 'sflow: no workspace "Nope"\n' });
    expect((await sflow(admin, 'data', 'erase')).code).toBe(2);
  });
});
