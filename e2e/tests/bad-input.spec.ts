import { expect, test, type Page } from '@playwright/test';

import { apiHeaders } from './auth-support';
import { createFlow, flowLink, uniqueName } from './support';

const importFailure = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Could not import' });

const elevenMegabytes = 11 * 1024 * 1024;

test.describe('bad import input', () => {
  test('explains each refused file and keeps the flows saved before', async ({ page, request }) => {
    const keptName = uniqueName('Kept');
    await createFlow(request, keptName);
    await page.goto('/');
    const fileInput = page.getByLabel('Import Flow JSON');

    await fileInput.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('not json'),
    });
    await expect(importFailure(page)).toContainText('broken.json');
    await expect(importFailure(page)).toContainText(/json/i);

    await fileInput.setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
    await expect(importFailure(page)).toContainText('not a Flow JSON file');

    await fileInput.setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(elevenMegabytes, 0x20),
    });
    await expect(importFailure(page)).toContainText('too large');

    await expect(page).toHaveURL(/\/$/);
    await page.reload();
    await expect(flowLink(page, keptName)).toBeVisible();
  });

  test('says "too large" when the upload grows past the server limit', async ({ page }) => {
    // Under 10 MB on disk, but every quote is escaped again in the request body.
    const text = JSON.stringify({ version: '3.1', screens: [], note: '"'.repeat(4 * 1024 * 1024) });
    await page.goto('/');

    await page.getByLabel('Import Flow JSON').setInputFiles({
      name: 'quoted.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });

    await expect(importFailure(page)).toContainText('The file is too large');
  });

  test('the API refuses the same input with 4xx answers', async ({ request }) => {
    const keptName = uniqueName('Kept by API');
    await createFlow(request, keptName);

    const notJson = await request.post('/trpc/flows.import', {
      data: { fileName: 'x.json', text: 'not json' },
      headers: apiHeaders(),
    });
    expect(notJson.status()).toBe(400);
    const notJsonBody = (await notJson.json()) as {
      error: { message: string; data: { code: string; problems: unknown[] } };
    };
    expect(notJsonBody.error.data.code).toBe('BAD_REQUEST');
    expect(notJsonBody.error.data.problems.length).toBeGreaterThan(0);

    const oversized = await request.post('/trpc/flows.import', {
      data: { fileName: 'x.json', text: ' '.repeat(elevenMegabytes) },
      headers: apiHeaders(),
    });
    expect(oversized.status()).toBe(413);

    const list = await request.get('/trpc/flows.list', { headers: apiHeaders() });
    const flows = ((await list.json()) as { result: { data: Array<{ name: string }> } }).result
      .data;
    expect(flows.map((flow) => flow.name)).toContain(keptName);
  });
});
