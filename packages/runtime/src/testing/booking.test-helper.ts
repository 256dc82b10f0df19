import type { HttpRequestNode } from '../nodes/http-request/schema';
import type { Program } from '../program/schema';

const item = {
  type: 'object',
  properties: { id: { type: 'string' }, title: { type: 'string' } },
} as const;

/** Fetches the bookable dates; reused by the tests that need a plain HTTP step. */
export const datesRequest: HttpRequestNode = {
  id: 'fetch_dates',
  type: 'http_request',
  method: 'GET',
  url: 'https://booking.example.com/dates?from={{ date_add_days(now_iso(), 1) }}',
  headers: { accept: 'application/json' },
  timeoutMs: 1_000,
  retries: 1,
  backoffMs: 100,
  responseMapping: [{ variable: 'dates', expression: 'response.dates' }],
};

/** An appointment booking: choose a date, choose a slot, confirm a summary. */
export const bookingProgram: Program = {
  programVersion: 1,
  flowJsonVersion: '7.1',
  screens: {
    CHOOSE_DATE: {
      data: {
        dates: { type: 'array', items: item, __example__: [{ id: '2026-03-15', title: 'Sun 15' }] },
      },
    },
    CHOOSE_SLOT: {
      data: {
        date: { type: 'string', __example__: '2026-03-15' },
        slots: { type: 'array', items: item, __example__: [{ id: '0900', title: '09:00' }] },
      },
    },
    SUMMARY: {
      data: {
        date: { type: 'string', __example__: '2026-03-15' },
        slot: { type: 'string', __example__: '0900' },
        summary: { type: 'string', __example__: 'Appointment on 2026-03-15 at 0900' },
      },
    },
  },
  routes: { CHOOSE_DATE: ['CHOOSE_SLOT'], CHOOSE_SLOT: ['SUMMARY'], SUMMARY: [] },
  nodes: [
    { id: 'opened', type: 'trigger.flow_opened' },
    datesRequest,
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
      url: 'https://booking.example.com/slots?date={{ vars.date }}',
      headers: {},
      timeoutMs: 1_000,
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
      url: 'https://booking.example.com/bookings',
      headers: {},
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
};
