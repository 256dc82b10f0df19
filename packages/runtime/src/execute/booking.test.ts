import { describe, expect, it } from 'vitest';

import { checkProgram } from '../program/check';
import { ProgramSchema } from '../program/schema';
import type { Session } from '../protocol';
import { createSession } from '../protocol';
import type { HttpRequest } from '../ports';
import { bookingProgram } from '../testing/booking.test-helper';
import { FakeClock, FakeHttp, fakePorts, json } from '../testing/fakes.test-helper';
import { runEndpointRequest } from './run-endpoint-request';

const dates = [
  { id: '2026-03-15', title: 'Sun 15' },
  { id: '2026-03-16', title: 'Mon 16' },
];
const slots = [
  { id: '0900', title: '09:00' },
  { id: '0930', title: '09:30' },
];

function bookingApi(request: HttpRequest) {
  const url = new URL(request.url);
  if (url.pathname === '/dates') {
    return json(200, { dates });
  }
  if (url.pathname === '/slots') {
    return json(200, { slots: url.searchParams.get('date') === '2026-03-16' ? [] : slots });
  }

  return json(201, { id: 'B-77' });
}

function harness() {
  const clock = new FakeClock();
  const http = new FakeHttp(bookingApi);
  const ports = fakePorts(http, clock);
  let session: Session = createSession('tok-1');
  const send = async (request: Record<string, unknown>) => {
    const result = await runEndpointRequest({
      program: bookingProgram,
      request: { version: '3.0', flow_token: 'tok-1', ...request },
      session,
      now: clock.now,
      ports,
    });
    if (!result.ok) {
      throw result.error;
    }
    session = result.session ?? session;

    return result;
  };

  return { http, send, session: () => session };
}

describe('appointment booking program', () => {
  it('is a valid program without problems', () => {
    expect(ProgramSchema.safeParse(bookingProgram).success).toBe(true);
    expect(checkProgram(bookingProgram)).toEqual([]);
  });

  it('walks from opening to SUCCESS', async () => {
    const { http, send, session } = harness();

    const opened = await send({ action: 'INIT', screen: '', data: {} });
    expect(opened.reply).toEqual({ screen: 'CHOOSE_DATE', data: { dates } });
    expect(http.requests[0]?.url).toBe(
      'https://booking.example.com/dates?from=2026-03-15T09%3A00%3A00.000Z',
    );

    const dated = await send({
      action: 'data_exchange',
      screen: 'CHOOSE_DATE',
      data: { date: '2026-03-15' },
    });
    expect(dated.reply).toEqual({ screen: 'CHOOSE_SLOT', data: { date: '2026-03-15', slots } });

    const slotted = await send({
      action: 'data_exchange',
      screen: 'CHOOSE_SLOT',
      data: { slot: '0930' },
    });
    expect(slotted.reply).toEqual({
      screen: 'SUMMARY',
      data: { date: '2026-03-15', slot: '0930', summary: 'Appointment on 2026-03-15 at 0930' },
    });
    expect(session().history).toEqual(['CHOOSE_DATE', 'CHOOSE_SLOT', 'SUMMARY']);

    const finished = await send({
      action: 'data_exchange',
      screen: 'SUMMARY',
      data: { action: 'confirm' },
    });
    const params = { booking_id: 'B-77', flow_token: 'tok-1' };
    expect(finished.reply).toEqual({
      screen: 'SUCCESS',
      data: { extension_message_response: { params } },
    });
    expect(finished.effects).toEqual([
      {
        kind: 'save_submission',
        nodeId: 'save',
        answers: { date: '2026-03-15', slot: '0930', booking: 'B-77' },
      },
      { kind: 'flow_completed', nodeId: 'done', params },
    ]);
    expect(JSON.parse(http.requests[http.requests.length - 1]?.body ?? '')).toEqual({
      date: '2026-03-15',
      slot: '0930',
      reference: 'tok-1',
    });
    expect(finished.log.map((entry) => entry.nodeId)).toEqual([
      'confirmed',
      'book',
      'save',
      'done',
    ]);
  });

  it('re-fetches the dates when the user goes back from the slot screen', async () => {
    const { http, send, session } = harness();
    await send({ action: 'INIT', screen: '', data: {} });
    await send({ action: 'data_exchange', screen: 'CHOOSE_DATE', data: { date: '2026-03-15' } });
    const before = http.requests.length;

    const back = await send({ action: 'BACK', screen: 'CHOOSE_SLOT', data: {} });
    expect(back.reply).toEqual({ screen: 'CHOOSE_DATE', data: { dates } });
    expect(http.requests.slice(before).map((request) => new URL(request.url).pathname)).toEqual([
      '/dates',
    ]);
    expect(session()).toMatchObject({ currentScreen: 'CHOOSE_DATE', history: ['CHOOSE_DATE'] });
  });

  it('shows an error on the date screen when the day has no slots', async () => {
    const { send, session } = harness();
    await send({ action: 'INIT', screen: '', data: {} });
    const full = await send({
      action: 'data_exchange',
      screen: 'CHOOSE_DATE',
      data: { date: '2026-03-16' },
    });
    expect(full.reply).toEqual({
      screen: 'CHOOSE_DATE',
      data: { dates, error_message: 'No free slots on 2026-03-16. Please pick another day.' },
    });
    expect(full.log.find((entry) => entry.nodeId === 'any_slots')?.port).toBe('false');
    expect(session().history).toEqual(['CHOOSE_DATE']);
  });

  it('keeps values out of the log unless debugging is on', async () => {
    const { send } = harness();
    const quiet = await send({ action: 'INIT', screen: '', data: {} });
    expect(JSON.stringify(quiet.log)).not.toContain('Sun 15');
    expect(quiet.log[1]).toMatchObject({
      nodeId: 'fetch_dates',
      outcome: 'ok',
      detail: { status: 200, host: 'booking.example.com' },
    });

    const clock = new FakeClock();
    const loud = await runEndpointRequest({
      program: bookingProgram,
      request: { action: 'INIT', screen: '', data: {}, flow_token: 'tok-1', version: '3.0' },
      session: createSession('tok-1'),
      now: clock.now,
      ports: fakePorts(new FakeHttp(bookingApi), clock),
      options: { debug: true },
    });
    expect(JSON.stringify(loud.log)).toContain('Sun 15');
  });
});
