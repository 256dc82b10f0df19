import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test } from '@playwright/test';

import { callMutation } from './support';
import { responseCount, seedSurvey, sendCompletion } from './survey-support';

interface BusinessServer {
  url: string;
  received: { signature: string | undefined; body: string }[];
  close(): Promise<void>;
}

/** The business's webhook receiver on 127.0.0.1: answers 200 and keeps what it got. */
async function startBusinessServer(): Promise<BusinessServer> {
  const received: BusinessServer['received'] = [];
  const server = http.createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const signature = incoming.headers['x-sflow-signature'];
      received.push({
        signature: typeof signature === 'string' ? signature : undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/flows`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test.describe('responses view', () => {
  test('shows a completion with readable labels, filters, exports CSV and deletes', async ({
    page,
    request,
  }) => {
    const seeded = await seedSurvey(request, 'Survey responses');
    await sendCompletion(request, seeded, {
      source: '1',
      tour_type: '2',
      tour_quality: '=1+1',
    });
    await expect.poll(() => responseCount(request, seeded.flowId)).toBe(1);

    await page.goto(`/flows/${seeded.flowId}/responses`);
    await expect(
      page.getByRole('heading', { name: /^Responses — Survey responses/ }),
    ).toBeVisible();
    const table = page.getByRole('table', { name: 'Responses' });
    await expect(
      table.getByRole('columnheader', { name: 'How did you hear about our tour company?' }),
    ).toBeVisible();
    await expect(table.getByRole('cell', { name: 'Social media', exact: true })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'Historical tour', exact: true })).toBeVisible();
    // Required answers the completion left out are flagged, not silently blank.
    await expect(table.getByText('missing (required)').first()).toBeVisible();

    await page.getByLabel('Search').fill('no such answer');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByText('No responses match.')).toBeVisible();
    await page.getByLabel('Search').fill('social');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(table.getByRole('cell', { name: 'Social media', exact: true })).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await downloading).path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toContain('How did you hear about our tour company?');
    expect(csv).toContain('Social media');
    // A spreadsheet would run "=1+1" as a formula; the export makes it text.
    expect(csv).toContain(`"'=1+1"`);

    await page.getByRole('checkbox', { name: /^Select the response of/ }).check();
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this response?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await responseCount(request, seeded.flowId)).toBe(1);
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByText('No responses match.')).toBeVisible();
    expect(await responseCount(request, seeded.flowId)).toBe(0);
  });

  test('adds a destination, shows its secret once and sends it a signed test', async ({
    page,
    request,
  }) => {
    const seeded = await seedSurvey(request, 'Survey responses');
    const business = await startBusinessServer();
    try {
      await page.goto(`/flows/${seeded.flowId}/responses`);
      const form = page.getByRole('form', { name: 'New destination' });
      await form.getByLabel('Name').fill('Business CRM');
      await form.getByLabel('URL').fill(business.url);
      await form.getByRole('button', { name: 'Add destination' }).click();
      const secret = (await page.getByTestId('destination-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);

      await page.getByRole('button', { name: 'Send a test' }).click();
      await expect(page.getByText('Test delivered (HTTP 200)')).toBeVisible();
      const [test] = business.received;
      const expected = createHmac('sha256', secret)
        .update(test?.body ?? '')
        .digest('hex');
      expect(test?.signature).toBe(`sha256=${expected}`);

      await page.reload();
      await expect(page.getByText('Business CRM')).toBeVisible();
      await expect(page.getByTestId('destination-secret')).toHaveCount(0);
      await expect(page.getByText(secret)).toHaveCount(0);
    } finally {
      await business.close();
    }
  });

  test('delivers a completion signed to the business, then erases its answers', async ({
    page,
    request,
  }) => {
    const seeded = await seedSurvey(request, 'Survey responses');
    const business = await startBusinessServer();
    try {
      const { secret } = await callMutation<{ secret: string }>(request, 'destinations.create', {
        flowId: seeded.flowId,
        name: 'Business webhook',
        url: business.url,
      });
      await sendCompletion(request, seeded, { source: '0', tour_type: '1' });
      await expect.poll(() => business.received.length).toBe(1);
      const [delivery] = business.received;
      const expected = createHmac('sha256', secret)
        .update(delivery?.body ?? '')
        .digest('hex');
      expect(delivery?.signature).toBe(`sha256=${expected}`);
      expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
        customer: { wa_id: '15551234567' },
        answers: expect.arrayContaining([
          expect.objectContaining({ field: 'source', text: 'Online search' }),
        ]),
      });

      await page.goto(`/flows/${seeded.flowId}/responses`);
      const table = page.getByRole('table', { name: 'Responses' });
      await expect(table.getByText('Delivered', { exact: true })).toBeVisible();
      await expect(table.getByText('erased after delivery').first()).toBeVisible();
      await expect(table.getByText('Online search')).toHaveCount(0);
    } finally {
      await business.close();
    }
  });
});
