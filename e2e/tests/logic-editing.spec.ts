import { readFileSync } from 'node:fs';

import { expect, test, type Locator, type Page } from '@playwright/test';

import { callMutation, callQuery, createFlow, uniqueName } from './support';

interface LogicNode {
  id: string;
  type: string;
  [field: string]: unknown;
}

interface SavedFlow {
  revision: number;
  graph: {
    nodes: Array<{ id: string; screen: Record<string, unknown> }>;
    logic?: {
      nodes: LogicNode[];
      edges: Array<{ from: string; to: string; port?: string }>;
      positions?: Record<string, { x: number; y: number }>;
    };
  };
}

const BOOKING_GRAPH = new URL('../test-data/booking.graph.json', import.meta.url);

/** The booking Flow's graph as the API stores it: logic with no canvas positions. */
function unplacedBookingGraph(flowId: string): unknown {
  const text = readFileSync(BOOKING_GRAPH, 'utf8')
    .replaceAll('__FLOW_ID__', flowId)
    // Never called here: the Flow is only drawn.
    .replaceAll('__BOOKING_API__', 'http://127.0.0.1:3859/booking');

  return JSON.parse(text) as unknown;
}

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The first two cards that overlap on screen, if any. */
function firstOverlap(boxes: readonly Box[]): [string, string] | undefined {
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      const apart =
        a.x + a.width <= b.x ||
        b.x + b.width <= a.x ||
        a.y + a.height <= b.y ||
        b.y + b.height <= a.y;
      if (!apart) {
        return [a.id, b.id];
      }
    }
  }

  return undefined;
}

function canvasNode(page: Page, id: string): Locator {
  return page.getByTestId(`rf__node-${id}`);
}

function handle(page: Page, nodeId: string, handleId: string): Locator {
  return canvasNode(page, nodeId).locator(`.react-flow__handle[data-handleid="${handleId}"]`);
}

/** Drags from one handle to another the way a user draws a connection. */
async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  expect(start).not.toBeNull();
  expect(end).not.toBeNull();
  const centre = (box: typeof start) => ({
    x: (box?.x ?? 0) + (box?.width ?? 0) / 2,
    y: (box?.y ?? 0) + (box?.height ?? 0) / 2,
  });
  await page.mouse.move(centre(start).x, centre(start).y);
  await page.mouse.down();
  await page.mouse.move(centre(end).x, centre(end).y, { steps: 15 });
  await page.mouse.up();
}

async function addNode(page: Page, kind: string, id: string): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Add logic' })
    .getByRole('button', { name: kind })
    .click();
  const node = canvasNode(page, id);
  await expect(node).toBeVisible();

  return node;
}

/** Fits the Flow, then zooms out a step, so no handle sits on the canvas's edge. */
async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.getByRole('button', { name: 'Zoom Out' }).click();
}

/** Gives the Flow's first screen a data model, which a go-to-screen step must then fill. */
async function withScreenData(
  request: Parameters<typeof createFlow>[0],
  flowId: string,
  data: Record<string, unknown>,
): Promise<SavedFlow> {
  const flow = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
  const [first, ...rest] = flow.graph.nodes;
  const graph = {
    ...flow.graph,
    nodes: [{ ...first, screen: { ...first?.screen, data } }, ...rest],
  };
  await callMutation(request, 'flows.save', { id: flowId, expectedRevision: flow.revision, graph });

  return callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
}

async function waitUntilSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Saved');
}

test.describe('logic on the canvas', () => {
  test('adds, connects and edits server logic, which survives a reload', async ({
    page,
    request,
  }) => {
    const flowId = await createFlow(request, uniqueName('Logic'));
    const seeded = await withScreenData(request, flowId, { status: { type: 'string' } });
    const screenId = seeded.graph.nodes[0]?.id ?? '';
    await page.goto(`/flows/${flowId}`);
    await expect(canvasNode(page, screenId)).toBeVisible();

    await addNode(page, 'Screen submitted', 'screen_submitted_1');
    const inspector = page.getByRole('region', { name: /^Inspector/ });
    await expect(inspector.getByLabel('Screen')).toHaveValue(screenId);
    await inspector.getByLabel(/^Action/).fill('lookup');

    await addNode(page, 'HTTP request', 'http_request_1');
    const url = inspector.getByLabel('URL');
    await url.fill('ftp://orders');
    await expect(inspector).toContainText('The URL starts with http:// or https://');
    await url.fill('https://api.example.com/orders/{{ payload.code }}');
    await expect(inspector).not.toContainText('The URL starts with');
    await inspector.getByRole('button', { name: 'Add response mapping' }).click();
    await inspector.getByLabel('Response mapping 1 variable').fill('state');
    const mapping = inspector.getByLabel('Response mapping 1 expression over response');
    await mapping.fill('response.');
    await expect(inspector).toContainText('(at character');
    await mapping.fill('response.state');
    await expect(inspector).not.toContainText('(at character');

    await addNode(page, 'Go to screen', 'go_to_screen_1');
    await inspector.getByRole('button', { name: 'Add the screen’s fields: status' }).click();
    await expect(inspector).toContainText('Expected a value');
    await inspector.getByLabel('Screen data 1 expression').fill('vars.state');
    await expect(inspector).not.toContainText('Expected a value');
    await fitView(page);

    await connect(
      page,
      handle(page, 'screen_submitted_1', 'next'),
      handle(page, 'http_request_1', 'in'),
    );
    await connect(
      page,
      handle(page, 'http_request_1', 'next'),
      handle(page, 'go_to_screen_1', 'in'),
    );
    await expect(page.getByTestId('rf__edge-logic:screen_submitted_1:next')).toBeAttached();
    await expect(page.getByTestId('rf__edge-logic:http_request_1:next')).toBeAttached();
    await expect(page.getByTestId(`rf__edge-logic-screen:screen_submitted_1`)).toContainText(
      'submitted: lookup',
    );

    // The exit is taken: the second connection is refused with the reason.
    await connect(
      page,
      handle(page, 'http_request_1', 'next'),
      handle(page, 'go_to_screen_1', 'in'),
    );
    await expect(page.getByRole('alert')).toContainText(
      "'http_request_1' already leaves by its exit",
    );
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await fitView(page);
    // Screens join the logic through triggers and go-to-screen steps, never by a drawn edge.
    await connect(
      page,
      handle(page, 'http_request_1', 'error'),
      canvasNode(page, screenId).locator('.react-flow__handle.target'),
    );
    await expect(page.getByRole('alert')).toContainText('Only logic nodes can be connected');
    await waitUntilSaved(page);

    await page.reload();
    await expect(canvasNode(page, 'http_request_1')).toBeVisible();
    await expect(page.getByTestId('rf__edge-logic:http_request_1:next')).toBeAttached();
    await canvasNode(page, 'http_request_1').click();
    await expect(inspector.getByLabel('URL')).toHaveValue(
      'https://api.example.com/orders/{{ payload.code }}',
    );
    await expect(inspector.getByLabel('Response mapping 1 expression over response')).toHaveValue(
      'response.state',
    );

    const saved = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
    expect(saved.graph.logic?.edges).toEqual([
      { from: 'screen_submitted_1', to: 'http_request_1' },
      { from: 'http_request_1', to: 'go_to_screen_1' },
    ]);
    expect(saved.graph.logic?.nodes.find((node) => node.id === 'go_to_screen_1')).toMatchObject({
      screen: screenId,
      data: { status: 'vars.state' },
    });
    expect(saved.graph.logic?.nodes.find((node) => node.id === 'screen_submitted_1')).toEqual({
      id: 'screen_submitted_1',
      type: 'trigger.screen_submitted',
      screen: screenId,
      action: 'lookup',
    });
  });

  test('deletes logic nodes with their edges, and never a screen', async ({ page, request }) => {
    const flowId = await createFlow(request, uniqueName('Logic delete'));
    const seeded = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
    const screenId = seeded.graph.nodes[0]?.id ?? '';
    await page.goto(`/flows/${flowId}`);
    await addNode(page, 'Flow opened', 'flow_opened_1');
    await addNode(page, 'Set data', 'set_data_1');
    await addNode(page, 'Finish Flow', 'finish_flow_1');
    await fitView(page);
    await connect(page, handle(page, 'flow_opened_1', 'next'), handle(page, 'set_data_1', 'in'));
    await connect(page, handle(page, 'set_data_1', 'next'), handle(page, 'finish_flow_1', 'in'));
    await expect(page.getByTestId('rf__edge-logic:set_data_1:next')).toBeAttached();

    await canvasNode(page, 'set_data_1').click();
    await page.keyboard.press('Delete');
    await expect(canvasNode(page, 'set_data_1')).toHaveCount(0);
    await expect(page.getByTestId('rf__edge-logic:flow_opened_1:next')).toHaveCount(0);
    await canvasNode(page, 'finish_flow_1').click();
    await page.getByRole('button', { name: 'Delete step' }).click();
    await expect(canvasNode(page, 'finish_flow_1')).toHaveCount(0);
    await canvasNode(page, screenId).click();
    await page.keyboard.press('Delete');
    await waitUntilSaved(page);

    await expect(canvasNode(page, screenId)).toBeVisible();
    const saved = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
    expect(saved.graph.nodes.map((node) => node.id)).toEqual([screenId]);
    expect(saved.graph.logic?.nodes.map((node) => node.id)).toEqual(['flow_opened_1']);
    expect(saved.graph.logic?.edges).toEqual([]);
  });
  test('lays out logic saved without positions clear of the screens, and saves it', async ({
    page,
    request,
  }, testInfo) => {
    const flowId = await createFlow(request, uniqueName('Logic layout'));
    const created = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });
    const graph = unplacedBookingGraph(flowId);
    await callMutation(request, 'flows.save', {
      id: flowId,
      expectedRevision: created.revision,
      graph,
    });
    await page.goto(`/flows/${flowId}`);
    await expect(canvasNode(page, 'forward')).toBeVisible();
    await fitView(page);

    const boxes = await page.locator('.react-flow__node').evaluateAll((nodes): Box[] =>
      nodes.map((node) => {
        const { x, y, width, height } = node.getBoundingClientRect();

        return { id: (node as HTMLElement).dataset.id ?? '', x, y, width, height };
      }),
    );
    await page.screenshot({ path: testInfo.outputPath('booking-laid-out.png') });

    expect(boxes).toHaveLength(22);
    expect(firstOverlap(boxes)).toBeUndefined();
    await expect
      .poll(async () => {
        const saved = await callQuery<SavedFlow>(request, 'flows.get', { id: flowId });

        return Object.keys(saved.graph.logic?.positions ?? {}).length;
      })
      .toBe(19);
  });
});

test.describe('call log', () => {
  test('lists the data-endpoint calls of the Flow and flips its switches', async ({
    page,
    request,
  }) => {
    const flowId = await createFlow(request, uniqueName('Call log'));
    // An unsigned call: the endpoint refuses it and logs it against the Flow.
    const refused = await request.post(`/endpoint/${flowId}`, {
      data: { encrypted_flow_data: 'AAAA', encrypted_aes_key: 'AAAA', initial_vector: 'AAAA' },
    });
    expect(refused.status()).toBe(432);

    await page.goto(`/flows/${flowId}`);
    await page.getByRole('button', { name: 'Call log' }).click();
    const log = page.getByRole('region', { name: 'Call log' });
    await expect(log.getByRole('row')).toHaveCount(2);
    await expect(log.getByRole('row').nth(1)).toContainText('432');

    await request.post(`/endpoint/${flowId}`, { data: { nothing: true } });
    await log.getByRole('button', { name: 'Refresh' }).click();
    await expect(log.getByRole('row')).toHaveCount(3);

    // The box is controlled by the stored settings, which the mutation updates a moment after
    // the click: click, then wait for it, rather than `check()` which looks at once.
    await log.getByLabel('Test mode').click();
    await expect(log.getByLabel('Test mode')).toBeChecked();
    await expect
      .poll(async () =>
        callQuery<{ endpointTestMode: boolean }>(request, 'endpoint.settings.get', { flowId }),
      )
      .toEqual({ endpointTestMode: true, endpointDebug: false });
    await page.reload();
    await page.getByRole('button', { name: 'Call log' }).click();
    await expect(
      page.getByRole('region', { name: 'Call log' }).getByLabel('Test mode'),
    ).toBeChecked();
  });
});
