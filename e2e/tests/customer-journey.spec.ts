import { expect, test } from '@playwright/test';

import { signInOnPage } from './auth-support';
import {
  customerWrites,
  jsonClient,
  type PhoneMessage,
  phoneInbox,
  publishAtStandIn,
  type RunningProduct,
  saveBookingFlow,
  signatureIsValid,
  startBookingApi,
  startBusinessWebhook,
  startProductWithMetaSim,
} from './journey-support';
import { uniqueName } from './support';

/**
 * The whole customer journey on one product started as `SFLOW_META_SIM=1 npm start` starts it:
 * a customer of the Meta stand-in writes "book", gets the booking Flow, completes it through the
 * product's encrypted data endpoint (which calls the business's booking API), and then the
 * answers show in the editor, the customer gets a confirmation, the business's webhook gets the
 * signed submission, and the raw webhook bodies are gone.
 */

// This journey starts its own server and stand-in (ports 3650 and 3651 unless told otherwise).
const PORT = Number(process.env.E2E_JOURNEY_PORT ?? 3650);
const SIM_PORT = Number(process.env.E2E_JOURNEY_SIM_PORT ?? PORT + 1);
const CUSTOMER = { waId: '15550123456', name: 'Ana Lima' };
const WAIT = { timeout: 30_000 };

interface Completion {
  outcome: string;
  reason?: string;
  steps: {
    screen: string;
    action: string;
    endpoint?: { request: { action: string }; status: number };
  }[];
}
interface DeliveryPayload {
  submission_id: string;
  sent_at: number;
  flow: { id: string; name: string } | null;
  customer: { wa_id: string | null };
  answers: { field: string; label?: string; value?: unknown }[];
}
interface InboxEvent {
  state: string;
  raw?: string | null;
}

test.describe.configure({ mode: 'serial' });

let product: RunningProduct | undefined;
let bookingApi: Awaited<ReturnType<typeof startBookingApi>>;
let businessWebhook: Awaited<ReturnType<typeof startBusinessWebhook>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  bookingApi = await startBookingApi();
  businessWebhook = await startBusinessWebhook();
  product = await startProductWithMetaSim({ port: PORT, simPort: SIM_PORT });
});

test.afterAll(async () => {
  await product?.stop();
  await bookingApi.close();
  await businessWebhook.close();
});

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus && product) {
    await testInfo.attach('server stderr', { body: product.stderr(), contentType: 'text/plain' });
  }
});

test('a customer who writes "book" completes the booking Flow; answers reach the editor and the business', async ({
  page,
}) => {
  test.setTimeout(180_000);
  if (!product) {
    throw new Error('the product did not start');
  }
  const { connectionId } = product;
  const api = jsonClient(product.url, product.apiHeaders);
  const sim = jsonClient(product.simUrl);

  // 1. The connection's key pair, uploaded to the stand-in for the phone to encrypt with.
  await api.mutate('connections.keys.generate', { connectionId });
  const upload = await api.mutate<{ signatureStatus: string | null; publicKeyMatches: boolean }>(
    'connections.keys.upload',
    { connectionId },
  );
  expect(upload).toMatchObject({ signatureStatus: 'VALID', publicKeyMatches: true });

  // The booking Flow: screens fed by the booking API, a "book" trigger that sends the Flow,
  // and a completed trigger that confirms to the customer and forwards the answers.
  const flowName = uniqueName('Booking');
  const flowId = await saveBookingFlow(api, flowName, bookingApi.url);
  // The same Flow created at the stand-in through its Graph API, linked, then published (which
  // pings the product's endpoint with real encryption).
  const metaFlowId = await publishAtStandIn({
    api,
    sim,
    productUrl: product.url,
    connectionId,
    flowId,
    name: flowName,
  });
  const destination = await api.mutate<{ destination: { id: string }; secret: string }>(
    'destinations.create',
    { flowId, name: 'Booking desk', url: businessWebhook.url },
  );

  // 2. The customer writes "book"; the product answers with the booking Flow.
  await customerWrites(sim, CUSTOMER, 'book');
  const inbox = () => phoneInbox(sim, CUSTOMER.waId);
  let flowMessage: PhoneMessage | undefined;
  await expect
    .poll(async () => {
      flowMessage = (await inbox()).find((message) => message.type === 'interactive');

      return flowMessage !== undefined;
    }, WAIT)
    .toBe(true);
  expect(JSON.stringify(flowMessage?.content)).toContain(metaFlowId);

  // The customer fills it in: INIT and each screen go through the product's endpoint, and
  // going back from the slots (a refresh_on_back screen) asks it for the days again.
  const completion = await sim.post<Completion>('/_sim/customers/flows/complete', {
    customer: { waId: CUSTOMER.waId },
    messageId: flowMessage?.id,
    backFrom: ['CHOOSE_SLOT'],
    answers: {
      CHOOSE_DATE: { date: '2026-03-16' },
      CHOOSE_SLOT: { slot: '1430' },
      SUMMARY: { name: CUSTOMER.name },
    },
  });
  expect(completion.reason).toBeUndefined();
  expect(completion.outcome).toBe('completed');
  expect(
    completion.steps.flatMap((step) =>
      step.endpoint ? [[step.endpoint.request.action, step.endpoint.status]] : [],
    ),
  ).toEqual([
    ['INIT', 200],
    ['data_exchange', 200],
    ['BACK', 200],
    ['data_exchange', 200],
    ['data_exchange', 200],
    ['data_exchange', 200],
  ]);
  expect(bookingApi.bookings).toEqual([{ date: '2026-03-16', slot: '1430', name: CUSTOMER.name }]);

  // 4. The Flow-completed trigger's confirmation reaches the customer.
  await expect
    .poll(
      async () =>
        (await inbox())
          .filter((message) => message.type === 'text')
          .map((message) => JSON.stringify(message.content)),
      WAIT,
    )
    .toContainEqual(expect.stringContaining('is booked (reference B-1001)'));

  // 5. The business's webhook receives the submission, signed with the destination's secret.
  await expect.poll(() => businessWebhook.received.length, WAIT).toBeGreaterThan(0);
  const [delivery] = businessWebhook.received;
  expect(delivery?.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(
    signatureIsValid(destination.secret, delivery?.body ?? '', delivery?.signature ?? ''),
  ).toBe(true);
  expect(signatureIsValid('another secret', delivery?.body ?? '', delivery?.signature ?? '')).toBe(
    false,
  );
  const payload = JSON.parse(delivery?.body ?? '{}') as DeliveryPayload;
  expect(delivery?.timestamp).toBe(String(payload.sent_at));
  expect(payload.flow).toEqual({ id: flowId, name: flowName });
  expect(payload.customer.wa_id).toBe(CUSTOMER.waId);
  const answers = Object.fromEntries(payload.answers.map((answer) => [answer.field, answer.value]));
  expect(answers).toMatchObject({
    name: CUSTOMER.name,
    date: '2026-03-16',
    slot: '1430',
    booking_id: 'B-1001',
  });

  // 6. Once delivered, nothing raw is kept: the webhook bodies and the answers are gone.
  // Status webhooks of the confirmation may still be arriving: wait until every event is done.
  const heldEvents = async () => {
    const events = await api.query<InboxEvent[]>('webhooks.events.list', {
      limit: 500,
      debug: true,
    });
    expect(events.length).toBeGreaterThan(0);

    return events.filter((event) => event.state !== 'processed' || event.raw !== null);
  };
  await expect.poll(heldEvents, WAIT).toEqual([]);
  const submissions = await api.query<{
    rows: {
      id: string;
      status: string;
      answersDeletedAt: string | null;
      rawResponse: string | null;
    }[];
  }>('submissions.list', { flowId });
  expect(submissions.rows).toEqual([
    expect.objectContaining({
      id: payload.submission_id,
      status: 'delivered',
      rawResponse: null,
    }),
  ]);
  expect(submissions.rows[0]?.answersDeletedAt).not.toBeNull();

  // 3. The submission is in the Flow's responses table in the editor, from the flows list.
  await signInOnPage(page, product.url);
  await page.getByRole('link', { name: `Responses of ${flowName}` }).click();
  const table = page.getByRole('table', { name: 'Responses' });
  await expect(table).toBeVisible();
  // Columns carry the labels the customer saw, not the field names.
  await expect(table.getByRole('columnheader', { name: 'Your name' })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: CUSTOMER.waId });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Delivered');
  await expect(row).toContainText('erased after delivery');
});
