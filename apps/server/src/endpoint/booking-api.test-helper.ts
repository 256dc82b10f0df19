import http from 'node:http';
import type { Server } from 'node:http';

import type { GraphDocument } from '@sanjay-flow/graph';

import type { SecretBox } from '../secrets/secret-box';
import { openTestDatabase } from '../test-support/database';
import { close, graphOf, listen, startProduct } from './endpoint.test-helper';

/** A business's booking API on 127.0.0.1; `/hang` never answers. */
export async function startBookingApi() {
  const requests: string[] = [];
  const bookings: unknown[] = [];
  const server: Server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (url.pathname === '/hang') {
        return;
      }
      if (url.pathname === '/dates') {
        reply({
          dates: [
            { id: '2026-03-15', title: 'Sun 15' },
            { id: '2026-03-16', title: 'Mon 16' },
          ],
        });
      } else if (url.pathname === '/slots') {
        const date = url.searchParams.get('date');
        reply({ slots: date === '2026-03-16' ? [] : [{ id: '0900', title: '09:00' }] });
      } else if (url.pathname === '/bookings') {
        bookings.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        reply({ id: `B-${bookings.length}` });
      } else {
        res.writeHead(404).end();
      }
    });
  });
  const url = await listen(server);

  return { url, requests, bookings, close: () => close(server) };
}

const item = {
  type: 'object',
  properties: { id: { type: 'string' }, title: { type: 'string' } },
};

/** The appointment booking Flow: screens plus the logic that feeds them from `apiUrl`. */
export function bookingGraph(apiUrl: string): GraphDocument {
  return graphOf(
    [
      { id: 'CHOOSE_DATE', data: { dates: { type: 'array', items: item, __example__: [] } } },
      {
        id: 'CHOOSE_SLOT',
        refreshOnBack: true,
        data: {
          date: { type: 'string', __example__: '2026-03-15' },
          slots: { type: 'array', items: item, __example__: [] },
        },
      },
      {
        id: 'SUMMARY',
        terminal: true,
        data: {
          date: { type: 'string', __example__: '' },
          slot: { type: 'string', __example__: '' },
          summary: { type: 'string', __example__: '' },
        },
      },
    ],
    { CHOOSE_DATE: ['CHOOSE_SLOT'], CHOOSE_SLOT: ['SUMMARY'], SUMMARY: [] },
    {
      nodes: [
        { id: 'opened', type: 'trigger.flow_opened' },
        {
          id: 'fetch_dates',
          type: 'http_request',
          method: 'GET',
          url: `${apiUrl}/dates`,
          headers: { accept: 'application/json' },
          timeoutMs: 2_000,
          retries: 0,
          backoffMs: 0,
          responseMapping: [{ variable: 'dates', expression: 'response.dates' }],
        },
        {
          id: 'show_dates',
          type: 'go_to_screen',
          screen: 'CHOOSE_DATE',
          data: { dates: 'vars.dates' },
        },
        { id: 'date_chosen', type: 'trigger.screen_submitted', screen: 'CHOOSE_DATE' },
        {
          id: 'remember_date',
          type: 'set_data',
          assignments: [{ variable: 'date', expression: 'payload.date' }],
        },
        {
          id: 'fetch_slots',
          type: 'http_request',
          method: 'GET',
          url: `${apiUrl}/slots?date={{ vars.date }}`,
          headers: {},
          timeoutMs: 2_000,
          retries: 0,
          backoffMs: 0,
          responseMapping: [{ variable: 'slots', expression: 'response.slots' }],
        },
        { id: 'any_slots', type: 'condition', expression: 'len(vars.slots) > 0' },
        {
          id: 'show_slots',
          type: 'go_to_screen',
          screen: 'CHOOSE_SLOT',
          data: { date: 'vars.date', slots: 'vars.slots' },
        },
        {
          id: 'no_slots',
          type: 'show_error',
          message: 'No free slots on {{ vars.date }}. Please pick another day.',
          data: { dates: 'vars.dates' },
        },
        { id: 'slot_chosen', type: 'trigger.screen_submitted', screen: 'CHOOSE_SLOT' },
        {
          id: 'remember_slot',
          type: 'set_data',
          assignments: [{ variable: 'slot', expression: 'payload.slot' }],
        },
        {
          id: 'show_summary',
          type: 'go_to_screen',
          screen: 'SUMMARY',
          data: {
            date: 'vars.date',
            slot: 'vars.slot',
            summary: "concat('Appointment on ', vars.date, ' at ', vars.slot)",
          },
        },
        { id: 'confirmed', type: 'trigger.screen_submitted', screen: 'SUMMARY', action: 'confirm' },
        {
          id: 'book',
          type: 'http_request',
          method: 'POST',
          url: `${apiUrl}/bookings`,
          headers: { 'content-type': 'application/json' },
          body: {
            date: '{{ vars.date }}',
            slot: '{{ vars.slot }}',
            reference: '{{ session.flow_token }}',
          },
          timeoutMs: 2_000,
          retries: 0,
          backoffMs: 0,
          responseMapping: [{ variable: 'bookingId', expression: 'response.id' }],
        },
        {
          id: 'save',
          type: 'save_submission',
          answers: { date: 'vars.date', slot: 'vars.slot', booking: 'vars.bookingId' },
        },
        { id: 'done', type: 'finish_flow', params: { booking_id: 'vars.bookingId' } },
        { id: 'back_from_slots', type: 'trigger.back', screen: 'CHOOSE_SLOT' },
      ],
      edges: [
        { from: 'opened', to: 'fetch_dates' },
        { from: 'fetch_dates', to: 'show_dates' },
        { from: 'date_chosen', to: 'remember_date' },
        { from: 'remember_date', to: 'fetch_slots' },
        { from: 'fetch_slots', to: 'any_slots' },
        { from: 'any_slots', to: 'show_slots', port: 'true' },
        { from: 'any_slots', to: 'no_slots', port: 'false' },
        { from: 'slot_chosen', to: 'remember_slot' },
        { from: 'remember_slot', to: 'show_summary' },
        { from: 'confirmed', to: 'book' },
        { from: 'book', to: 'save' },
        { from: 'save', to: 'done' },
        { from: 'back_from_slots', to: 'fetch_dates' },
      ],
    },
  );
}

/** The test database, the product and the booking API, all on 127.0.0.1, closed together. */
export async function startBookingStack(secrets: SecretBox, budgetMs?: number) {
  const testDb = await openTestDatabase();
  const product = await startProduct(testDb, secrets, budgetMs);
  const api = await startBookingApi();
  const closeAll = async () => {
    await product.close();
    await api.close();
    await testDb.dispose();
  };

  return { testDb, product, api, close: closeAll };
}

export type BookingStack = Awaited<ReturnType<typeof startBookingStack>>;
