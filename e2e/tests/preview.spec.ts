import { expect, test, type Page } from '@playwright/test';

import { bookingGraph, startBookingApi, type LocalServer } from './journey-support';
import { callMutation, callQuery, createFlow, uniqueName } from './support';

interface SavedFlow {
  revision: number;
}

let bookingApi: LocalServer & { bookings: unknown[] };

test.beforeAll(async () => {
  bookingApi = await startBookingApi();
});

test.afterAll(async () => {
  await bookingApi.close();
});

async function seedBookingFlow(request: Parameters<typeof createFlow>[0]): Promise<string> {
  const flowId = await createFlow(request, uniqueName('Preview booking'));
  const flow = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
  await callMutation(request, 'flows.save', {
    id: flowId,
    expectedRevision: flow.revision,
    graph: bookingGraph(flowId, bookingApi.url),
  });

  return flowId;
}

function phone(page: Page) {
  return page.getByRole('region', { name: 'Phone preview' });
}

test.describe('phone preview', () => {
  test('runs the booking Flow through its endpoint screens to the completion webhook', async ({
    page,
    request,
  }) => {
    const flowId = await seedBookingFlow(request);
    await page.goto(`/flows/${flowId}`);
    const preview = phone(page);
    await expect(preview.getByRole('heading', { name: 'Choose a day' })).toBeVisible();

    await preview.getByRole('button', { name: 'Run from the start' }).click();
    // The INIT reply comes from the booking API through the server's preview runner.
    const day = preview.getByRole('combobox', { name: 'Day' });
    await expect(day.getByRole('option', { name: 'Mon 16 March' })).toBeAttached();
    await day.selectOption('2026-03-16');
    await preview.getByRole('button', { name: 'Next' }).click();

    await expect(preview.getByRole('heading', { name: 'Choose a time' })).toBeVisible();
    await preview.getByRole('radio', { name: '14:30' }).check();
    await preview.getByRole('button', { name: 'Next' }).click();

    await expect(
      preview.getByText('Appointment on 2026-03-16 at 1430', { exact: true }),
    ).toBeVisible();
    const confirm = preview.getByRole('button', { name: 'Confirm' });
    await expect(confirm).toBeDisabled();
    await preview.getByRole('textbox', { name: 'Your name' }).fill('Ana Lima');
    await confirm.click();

    const completion = preview.getByRole('region', { name: 'Completion webhook' });
    await expect(completion).toBeVisible();
    const message = JSON.parse(
      (await completion.getByTestId('completion-json').textContent()) ?? '{}',
    ) as { type: string; interactive: { type: string; nfm_reply: Record<string, string> } };
    expect(message.type).toBe('interactive');
    expect(message.interactive.type).toBe('nfm_reply');
    expect(message.interactive.nfm_reply).toMatchObject({ name: 'flow', body: 'Sent' });
    const responseJson = message.interactive.nfm_reply.response_json ?? '';
    expect(typeof responseJson).toBe('string');
    const answers = JSON.parse(responseJson) as Record<string, string>;
    expect(answers).toMatchObject({ date: '2026-03-16', slot: '1430', name: 'Ana Lima' });
    expect(answers.booking_id).toMatch(/^B-\d+$/);
    expect(answers.flow_token).toMatch(/^preview-/);
    expect(bookingApi.bookings).toContainEqual({
      date: '2026-03-16',
      slot: '1430',
      name: 'Ana Lima',
    });

    await preview.getByText('Endpoint requests (4)').click();
    await expect(preview.getByText('INIT', { exact: true })).toBeVisible();
  });

  test('shows the selected screen in light and dark', async ({ page, request }) => {
    const flowId = await seedBookingFlow(request);
    await page.goto(`/flows/${flowId}`);
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await page.getByTestId('rf__node-SUMMARY').getByRole('heading', { name: 'Confirm' }).click();

    const preview = phone(page);
    await expect(preview.getByRole('heading', { name: 'Confirm' })).toBeVisible();
    // The screen's example data fills it until the endpoint sends real data.
    await expect(
      preview.getByText('Appointment on 2026-03-15 at 0900', { exact: true }),
    ).toBeVisible();
    const sheet = preview.locator('.phone');
    await expect(sheet).toHaveAttribute('data-theme', 'light');
    const light = await sheet.evaluate((element) => getComputedStyle(element).backgroundColor);

    const dark = preview.getByRole('button', { name: 'Dark mode' });
    await dark.focus();
    await page.keyboard.press('Enter');
    await expect(dark).toHaveAttribute('aria-pressed', 'true');
    await expect(sheet).toHaveAttribute('data-theme', 'dark');
    const darkColour = await sheet.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(darkColour).not.toBe(light);
    expect(darkColour).toBe('rgb(17, 27, 33)');
  });
});
