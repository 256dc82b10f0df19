import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { responseCount, seedSurvey, sendCompletion } from './survey-support';

test.describe('privacy and data page', () => {
  test('shows when data goes, exports and erases a customer, and lists both in the audit log', async ({
    page,
    request,
  }) => {
    const waId = `44${randomInt(10 ** 9, 10 ** 10 - 1)}`;
    const seeded = await seedSurvey(request, 'Privacy survey');
    await sendCompletion(request, seeded, { comment: 'Lovely' }, waId);
    const { flowId } = seeded;
    await expect.poll(() => responseCount(request, flowId)).toBe(1);

    await page.goto('/');
    await page.getByRole('link', { name: 'Privacy and data' }).click();
    await expect(page.getByRole('heading', { name: 'Privacy and data', level: 1 })).toBeVisible();
    await expect(page.getByTestId('retention-rule-submissions')).toContainText('30 days');

    const form = page.getByRole('form', { name: 'Retention settings' });
    await form.getByLabel(/Responses not deleted on delivery/).fill('21');
    await form.getByRole('button', { name: 'Save retention settings' }).click();
    await expect(page.getByTestId('retention-rule-submissions')).toContainText('21 days');

    const request_ = page.getByRole('form', { name: 'Customer data request' });
    await request_.getByLabel(/Phone number/).fill(`+${waId}`);
    const download = page.waitForEvent('download');
    await request_.getByRole('button', { name: 'Export (JSON)' }).click();
    const copy = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
      phone: string;
      submissions: { answers: Record<string, unknown> | null }[];
    };
    expect(copy.phone).toBe(waId);
    expect(copy.submissions).toHaveLength(1);

    await request_.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: "Erase this customer's data?" });
    const erase = dialog.getByRole('button', { name: 'Erase for good' });
    await expect(erase).toBeDisabled();
    await dialog.getByLabel('Phone number again').fill(waId);
    await erase.click();
    await expect(page.getByTestId('erased-summary')).toContainText('1 responses');
    expect(await responseCount(request, flowId)).toBe(0);

    const audit = page.getByTestId('audit-log');
    await page.reload();
    await expect(audit).toContainText('subject_data.erase');
    await expect(audit).toContainText('retention.update');
    await expect(audit).not.toContainText(waId);
  });
});
