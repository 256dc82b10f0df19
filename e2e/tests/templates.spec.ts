import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { expect, test } from '@playwright/test';

import { apiHeaders } from './auth-support';
import { callQuery } from './support';

const SFLOW = fileURLToPath(new URL('../../apps/server/bin/sflow.js', import.meta.url));
const run = promisify(execFile);

interface Template {
  id: string;
  name: string;
}

interface Exported {
  fileName: string;
  text: string;
}

test.describe('templates', () => {
  test('creates a Flow from every template in the gallery, and sflow validate accepts each export', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const templates = await callQuery<Template[]>(request, 'flows.templates', undefined);
    expect(templates.map((template) => template.name)).toEqual([
      'Appointment booking',
      'Lead capture',
      'Customer satisfaction survey',
      'Sign-up',
      'Support ticket',
    ]);
    const folder = await mkdtemp(join(tmpdir(), 'sflow-templates-'));
    const files: string[] = [];

    for (const template of templates) {
      await page.goto('/');
      const gallery = page.getByRole('region', { name: 'Start from a template' });
      await gallery.getByRole('button', { name: `Use the ${template.name} template` }).click();
      await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: template.name })).toBeVisible();
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      const flowId = new URL(page.url()).pathname.split('/').pop() ?? '';

      const exported = await callQuery<Exported>(request, 'flows.export', { id: flowId });
      const file = join(folder, `${template.id}.json`);
      await writeFile(file, exported.text);
      files.push(file);
    }

    const validated = await run('node', [SFLOW, 'validate', ...files]).catch(
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    await rm(folder, { recursive: true, force: true });
    expect(validated.stdout, validated.stderr).toContain('5 valid, 0 invalid (0 errors');
    expect('code' in validated ? validated.code : 0).toBe(0);
  });

  test('finds a Flow by name and duplicates it from the list', async ({ page, request }) => {
    const marker = `Searchable ${Date.now().toString(36)}`;
    await page.goto('/');
    await page
      .getByRole('region', { name: 'Start from a template' })
      .getByRole('button', { name: 'Use the Sign-up template' })
      .click();
    await expect(page).toHaveURL(/\/flows\//);
    const flowId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await request.post('/trpc/flows.rename', {
      data: { id: flowId, name: marker },
      headers: apiHeaders(),
    });

    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search flows' }).fill(marker.toUpperCase());
    const rows = page.getByRole('row').filter({ hasText: marker });
    await expect(rows).toHaveCount(1);
    await page.getByRole('button', { name: `Duplicate ${marker}`, exact: true }).click();
    await expect(page.getByRole('link', { name: `${marker} (copy)`, exact: true })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search flows' }).fill('no flow is called this');
    await expect(page.getByText('No flow name matches')).toBeVisible();
  });
});
