import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bookingGraph, startBookingApi } from '../endpoint/booking-api.test-helper';
import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const createCaller = createCallerFactory(appRouter);

let testDb: TestDatabase;
let api: Awaited<ReturnType<typeof startBookingApi>>;

beforeAll(async () => {
  testDb = await openTestDatabase();
  api = await startBookingApi();
});

afterAll(async () => {
  await api.close();
  await testDb.dispose();
});

/** A workspace whose booking Flow may call the booking API on 127.0.0.1. */
async function bookingFlow(role: 'editor' | 'viewer' = 'editor') {
  const workspaceId = await testDb.createWorkspace();
  const caller = createCaller(
    testContext(testDb, workspaceId, {
      overrides: { role, preview: { budgetMs: 3_000, httpAllowedHosts: ['127.0.0.1'] } },
    }),
  );
  const owner = createCaller(testContext(testDb, workspaceId));
  const { id: flowId } = await owner.flows.create({ name: 'Booking' });
  await owner.flows.save({ id: flowId, expectedRevision: 1, graph: bookingGraph(api.url) });

  return { caller, flowId };
}

describe('preview.exchange', () => {
  it('runs the saved booking Flow to SUCCESS with a preview session kept by the caller', async () => {
    const { caller, flowId } = await bookingFlow();
    const bookingsBefore = api.bookings.length;

    const opened = await caller.preview.exchange({
      flowId,
      session: null,
      request: { action: 'INIT', data: {} },
    });
    expect(opened.ok).toBe(true);
    expect(opened.session.flowToken).toMatch(/^preview-/);
    expect(opened.reply).toMatchObject({
      screen: 'CHOOSE_DATE',
      data: { dates: [{ id: '2026-03-15' }, { id: '2026-03-16' }] },
    });

    const slots = await caller.preview.exchange({
      flowId,
      session: opened.session,
      request: { action: 'data_exchange', screen: 'CHOOSE_DATE', data: { date: '2026-03-15' } },
    });
    expect(slots.reply).toMatchObject({ screen: 'CHOOSE_SLOT', data: { date: '2026-03-15' } });

    const summary = await caller.preview.exchange({
      flowId,
      session: slots.session,
      request: { action: 'data_exchange', screen: 'CHOOSE_SLOT', data: { slot: '0900' } },
    });
    const done = await caller.preview.exchange({
      flowId,
      session: summary.session,
      request: { action: 'data_exchange', screen: 'SUMMARY', data: { action: 'confirm' } },
    });

    expect(done).toMatchObject({
      ok: true,
      reply: {
        screen: 'SUCCESS',
        data: {
          extension_message_response: {
            params: { booking_id: `B-${bookingsBefore + 1}`, flow_token: opened.session.flowToken },
          },
        },
      },
      effects: ['save_submission', 'flow_completed'],
    });
    // Effects are reported, not carried out: no submission row exists.
    expect(await testDb.db.prisma.submission.count()).toBe(0);
  });

  it('answers a failing step with the error and the screen the phone would show', async () => {
    const { caller, flowId } = await bookingFlow();
    const opened = await caller.preview.exchange({
      flowId,
      session: null,
      request: { action: 'INIT', data: {} },
    });

    const failed = await caller.preview.exchange({
      flowId,
      session: opened.session,
      request: { action: 'data_exchange', screen: 'SUMMARY', data: {} },
    });

    expect(failed.ok).toBe(false);
    expect(failed).toMatchObject({ error: { code: 'NO_TRIGGER' } });
  });

  it('refuses a session that is not a preview session', async () => {
    const { caller, flowId } = await bookingFlow();
    const session = {
      flowToken: 'a-customer-token',
      variables: {},
      currentScreen: null,
      history: [],
    };

    const error = await trpcErrorOf(
      caller.preview.exchange({ flowId, session, request: { action: 'INIT' } }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/not a preview session/);
  });

  it('refuses viewers, since the preview calls the Flow’s HTTP steps', async () => {
    const { caller, flowId } = await bookingFlow('viewer');

    const error = await trpcErrorOf(
      caller.preview.exchange({ flowId, session: null, request: { action: 'INIT' } }),
    );

    expect(error.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for a Flow of another workspace', async () => {
    const { caller } = await bookingFlow();

    const error = await trpcErrorOf(
      caller.preview.exchange({ flowId: randomUUID(), session: null, request: { action: 'INIT' } }),
    );

    expect(error.code).toBe('NOT_FOUND');
  });
});
