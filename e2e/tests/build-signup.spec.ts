import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { expect, test, type Locator, type Page } from '@playwright/test';

import { callMutation, callQuery, createFlow, uniqueName } from './support';

const SFLOW = fileURLToPath(new URL('../../apps/server/bin/sflow.js', import.meta.url));
const run = promisify(execFile);

function screenCard(page: Page, nodeId: string): Locator {
  return page.getByTestId(`rf__node-${nodeId}`);
}

function component(page: Page, nodeId: string, pointer: string): Locator {
  return page.getByTestId(`component-${nodeId}-${pointer}`);
}

function dropZone(page: Page, nodeId: string, list: string, index: number): Locator {
  return page.getByTestId(`drop-${nodeId}-${list}-${index}`);
}

function paletteItem(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Add screens and components' })
    .getByRole('button', { name, exact: true });
}

/** Drags a palette item onto a gap between components (HTML drag and drop). */
async function dragComponent(page: Page, type: string, target: Locator): Promise<void> {
  await paletteItem(page, type).dragTo(target);
}

/** Drags a new screen from the palette onto the canvas at a point of the pane (0–1 of its size). */
async function dragScreen(page: Page, at: { x: number; y: number }): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  expect(box).not.toBeNull();
  await paletteItem(page, 'Screen').dragTo(pane, {
    targetPosition: { x: (box?.width ?? 0) * at.x, y: (box?.height ?? 0) * at.y },
  });
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();

  return { x: (box?.x ?? 0) + (box?.width ?? 0) / 2, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 };
}

/**
 * Draws a navigation the way a user does: from the button's handle to the screen's dot, or
 * anywhere on its card.
 */
async function connect(
  page: Page,
  nodeId: string,
  pointer: string,
  toScreen: string,
  onto: 'dot' | 'card' = 'dot',
) {
  const handle = `.react-flow__handle[data-handleid="navigate:${pointer}"]`;
  const start = await centreOf(screenCard(page, nodeId).locator(handle));
  const target = onto === 'dot' ? '.react-flow__handle.target' : '.screen-card__header';
  const end = await centreOf(screenCard(page, toScreen).locator(target));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 15 });
  await page.mouse.up();
}

async function fitView(page: Page): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
}

function inspector(page: Page): Locator {
  return page.locator('section.inspector');
}

async function fillField(page: Page, label: string, value: string): Promise<void> {
  const field = inspector(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await expect(field).toHaveValue(value);
}

async function selectScreen(page: Page, nodeId: string): Promise<void> {
  await screenCard(page, nodeId).locator('.screen-card__header').click();
  await expect(inspector(page).getByRole('heading', { name: 'Screen' })).toBeVisible();
}

/** Plays the Flow in the phone preview from its first screen to the completion webhook. */
async function previewToTheEnd(page: Page): Promise<Record<string, unknown>> {
  const preview = page.getByRole('region', { name: 'Phone preview' });
  const footer = preview.locator('.phone-footer__button');
  await preview.getByRole('button', { name: 'Run from the start' }).click();
  await expect(preview.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await preview.getByRole('textbox', { name: 'Full name' }).fill('Ana Lima');
  await preview.getByRole('textbox', { name: 'Email' }).fill('ana@example.com');
  await footer.click();
  await expect(preview.getByRole('heading', { name: 'Your consent' })).toBeVisible();
  await preview.getByRole('checkbox', { name: 'Send me news and offers' }).check();
  await footer.click();
  await expect(preview.getByRole('heading', { name: 'All set' })).toBeVisible();
  await expect(preview.getByText('Welcome, Ana Lima', { exact: true })).toBeVisible();
  await footer.click();
  const completion = preview.getByRole('region', { name: 'Completion webhook' });
  const message = JSON.parse(
    (await completion.getByTestId('completion-json').textContent()) ?? '{}',
  ) as {
    interactive: { type: string; nfm_reply: { response_json: string } };
  };
  expect(message.interactive.type).toBe('nfm_reply');

  return JSON.parse(message.interactive.nfm_reply.response_json) as Record<string, unknown>;
}

interface FlowJsonScreen {
  id: string;
  terminal?: boolean;
  data?: Record<string, unknown>;
  layout: { children: Array<Record<string, unknown>> };
}

test.describe('building screens on the canvas', () => {
  // Room for the canvas beside the palette, the inspector and the preview.
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('builds a three-screen sign-up Flow by drag and drop and the inspector, and sflow validate accepts the export', async ({
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    const name = uniqueName('Sign-up');
    await page.goto('/');
    await page.getByLabel('New flow name').fill(name);
    await page.getByRole('button', { name: 'Create flow' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(screenCard(page, 'WELCOME')).toBeVisible();

    // Two more screens, dragged from the palette onto the canvas.
    await dragScreen(page, { x: 0.15, y: 0.1 });
    await expect(screenCard(page, 'SCREEN_A')).toBeVisible();
    await dragScreen(page, { x: 0.65, y: 0.1 });
    await expect(screenCard(page, 'SCREEN_B')).toBeVisible();
    await fitView(page);

    // Screen 1: the welcome screen becomes the details form.
    await component(page, 'WELCOME', '/layout/children/0').click();
    await fillField(page, 'text', 'Create your account');
    await dragComponent(page, 'TextInput', dropZone(page, 'WELCOME', '/layout/children', 2));
    await expect(inspector(page).getByRole('heading', { name: 'TextInput' })).toBeVisible();
    await fillField(page, 'name', 'full_name');
    await fillField(page, 'label', 'Your full name is here');
    // The limit shows while typing: TextInput labels take 20 characters.
    await expect(inspector(page).getByText('22 / 20')).toBeVisible();
    await fillField(page, 'label', 'Full name');
    await expect(inspector(page).getByText('9 / 20')).toBeVisible();
    await dragComponent(page, 'TextInput', dropZone(page, 'WELCOME', '/layout/children', 3));
    await fillField(page, 'name', 'email');
    await fillField(page, 'label', 'Email');
    await inspector(page).getByLabel('input-type').selectOption('email');
    await selectScreen(page, 'WELCOME');
    await inspector(page).getByLabel('Ends the Flow (terminal)').uncheck();
    await inspector(page).getByLabel('Ending counts as success').uncheck();
    await connect(page, 'WELCOME', '/layout/children/4', 'SCREEN_A');
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);

    // Screen 2: consent, reached with the details in its data model.
    await selectScreen(page, 'SCREEN_A');
    await fillField(page, 'Title', 'Your consent');
    // A screen id follows Flow JSON's rule, and a new one reaches every button that leads there.
    const screenId = inspector(page).getByLabel('Screen id');
    await screenId.fill('CONSENT_2');
    await expect(inspector(page).getByText('letters and underscores only')).toBeVisible();
    await screenId.fill('CONSENT');
    await screenId.press('Enter');
    await expect(screenCard(page, 'SCREEN_A').getByText('CONSENT', { exact: true })).toBeVisible();
    await expect(inspector(page).getByLabel('Field 1')).toHaveValue('full_name');
    await expect(inspector(page).getByLabel('Field 2')).toHaveValue('email');
    await dragComponent(page, 'OptIn', dropZone(page, 'SCREEN_A', '/layout/children', 0));
    await fillField(page, 'label', 'Send me news and offers');
    await dragComponent(page, 'Footer', dropZone(page, 'SCREEN_A', '/layout/children', 1));
    await connect(page, 'SCREEN_A', '/layout/children/1', 'SCREEN_B', 'card');
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);

    await fitView(page);

    // Screen 3: the end, greeting the customer by name through a completed reference.
    await selectScreen(page, 'SCREEN_B');
    await fillField(page, 'Title', 'All set');
    await inspector(page).getByLabel('Screen id').fill('ALL_SET');
    await inspector(page).getByLabel('Screen id').press('Enter');
    await inspector(page).getByLabel('Ends the Flow (terminal)').check();
    await inspector(page).getByLabel('Ending counts as success').check();
    await dragComponent(page, 'TextBody', dropZone(page, 'SCREEN_B', '/layout/children', 0));
    const text = inspector(page).getByLabel('text', { exact: true });
    await text.fill('');
    // Text and data together make a back-tick expression; the reference inside is completed.
    await text.pressSequentially("`'Welcome, ' ${data.full");
    await expect(
      page.getByRole('option', { name: /^data\.full_name/, selected: true }),
    ).toBeVisible();
    await text.press('Enter');
    await text.press('End');
    await text.press('`');
    await expect(text).toHaveValue("`'Welcome, ' ${data.full_name}`");
    await dragComponent(page, 'Footer', dropZone(page, 'SCREEN_B', '/layout/children', 1));
    await fillField(page, 'label', 'Finish');

    // The phone preview plays it to the end: the completion carries the preview's flow token.
    const answers = await previewToTheEnd(page);
    expect(answers.flow_token).toMatch(/^preview-/);

    const downloadStarted = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Flow JSON' }).click();
    const download = await downloadStarted;
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      screens: FlowJsonScreen[];
    };
    const [first, second, third] = exported.screens;
    expect(exported.screens.map((screen) => screen.id)).toEqual(['WELCOME', 'CONSENT', 'ALL_SET']);
    expect(first?.layout.children[4]?.['on-click-action']).toEqual({
      name: 'navigate',
      next: { type: 'screen', name: 'CONSENT' },
      payload: { full_name: '${form.full_name}', email: '${form.email}' },
    });
    expect(Object.keys(third?.data ?? {})).toEqual(['full_name', 'email', 'opt_in']);
    expect(second?.terminal).toBeUndefined();
    expect(second?.layout.children[1]?.['on-click-action']).toMatchObject({
      next: { type: 'screen', name: 'ALL_SET' },
    });

    const file = testInfo.outputPath('sign-up.flow.json');
    await writeFile(file, JSON.stringify(exported, null, 2));
    const validated = await run('node', [SFLOW, 'validate', file]).catch(
      (error: { stdout?: string; stderr?: string; code?: number }) => error,
    );
    expect(validated.stdout, validated.stderr).toContain('1 valid, 0 invalid (0 errors');
    expect('code' in validated ? validated.code : 0).toBe(0);
  });

  test('the palette offers only what the Flow’s version has and says why the rest is missing', async ({
    page,
    request,
  }) => {
    const flowId = await createFlow(request, uniqueName('Older version'));
    const flow = await callQuery<{ revision: number; graph: { flow: Record<string, unknown> } }>(
      request,
      'flows.get',
      { id: flowId },
    );
    await callMutation(request, 'flows.save', {
      id: flowId,
      expectedRevision: flow.revision,
      graph: { ...flow.graph, flow: { ...flow.graph.flow, version: '6.2' } },
    });

    await page.goto(`/flows/${flowId}`);
    const chips = paletteItem(page, 'ChipsSelector');
    await expect(chips).toHaveAttribute('aria-disabled', 'true');
    await expect(chips).toHaveAccessibleDescription(
      'ChipsSelector needs Flow JSON 6.3 or later; this Flow uses 6.2.',
    );
    await expect(paletteItem(page, 'NavigationList')).not.toHaveAttribute('draggable', 'false');

    // From the keyboard: select a component, and add one after it from the palette.
    await component(page, 'WELCOME', '/layout/children/0').focus();
    await page.keyboard.press('Enter');
    await expect(inspector(page).getByRole('heading', { name: 'TextHeading' })).toBeVisible();
    await inspector(page).getByRole('button', { name: 'Screen WELCOME' }).click();
    await paletteItem(page, 'TextInput').focus();
    await page.keyboard.press('Enter');
    await expect(component(page, 'WELCOME', '/layout/children/2')).toHaveAccessibleName(
      'TextInput Text',
    );

    // Options of a selection are edited row by row, with the schema's limit explained.
    await paletteItem(page, 'RadioButtonsGroup').focus();
    await page.keyboard.press('Enter');
    await expect(inspector(page).getByRole('heading', { name: 'RadioButtonsGroup' })).toBeVisible();
    await inspector(page).getByLabel('Option 1 title').fill('By email, once a week, on Mondays');
    await expect(inspector(page).getByText(/0\.title: .*30/)).toBeVisible();
    await inspector(page).getByLabel('Option 1 title').fill('By email');
    await inspector(page).getByRole('button', { name: 'Add option' }).click();
    await expect(inspector(page).getByLabel('Option 3 id')).toHaveValue('option_3');
    await expect(inspector(page).getByText(/title: /)).toHaveCount(0);

    // Delete on a focused component removes that component, never its screen.
    await component(page, 'WELCOME', '/layout/children/3').focus();
    await page.keyboard.press('Delete');
    await expect(component(page, 'WELCOME', '/layout/children/3')).toHaveAccessibleName(
      'Footer Done',
    );
    await expect(screenCard(page, 'WELCOME')).toBeVisible();

    // Into a container by dragging: a Form from the palette, then the input into the Form.
    await dragComponent(page, 'Form', dropZone(page, 'WELCOME', '/layout/children', 0));
    await component(page, 'WELCOME', '/layout/children/3').dragTo(
      dropZone(page, 'WELCOME', '/layout/children/0/children', 0),
    );
    await expect(component(page, 'WELCOME', '/layout/children/0/children/0')).toHaveAccessibleName(
      'TextInput Text',
    );
    await expect(component(page, 'WELCOME', '/layout/children/3')).toHaveAccessibleName(
      'Footer Done',
    );

    // A Switch's cases are named in the inspector and filled by dragging on the card.
    await dragComponent(page, 'Switch', dropZone(page, 'WELCOME', '/layout/children', 1));
    await inspector(page).getByLabel('Case 1 matches').fill('email');
    await inspector(page).getByRole('button', { name: 'Add case' }).click();
    await expect(screenCard(page, 'WELCOME').getByText('case “case_2”')).toBeVisible();
    await dragComponent(
      page,
      'TextBody',
      dropZone(page, 'WELCOME', '/layout/children/1/cases/case_2', 0),
    );
    await expect(
      component(page, 'WELCOME', '/layout/children/1/cases/case_2/0'),
    ).toHaveAccessibleName('TextBody Text');
    await expect(component(page, 'WELCOME', '/layout/children/1/cases/email/0')).toBeVisible();
  });
});
