import { readFileSync } from 'node:fs';

import { createFlowPlayer } from '@sanjay-flow/flow-player';
import { compileGraph, compileProgram, upgradeGraphDocument } from '@sanjay-flow/graph';
import { createSession, runEndpointRequest, SessionSchema } from '@sanjay-flow/runtime';
import type { HttpRequest } from '@sanjay-flow/runtime';
import { describe, expect, it } from 'vitest';

import {
  applyStep,
  playerOf,
  showScreen,
  startRun,
  type PreviewEndpoint,
  type PreviewRun,
} from './previewRun';

const signUp = {
  version: '7.1',
  screens: [
    {
      id: 'WELCOME',
      title: 'Welcome',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'name', label: 'Your name', required: true },
          {
            type: 'Footer',
            label: 'Next',
            'on-click-action': {
              name: 'navigate',
              next: { type: 'screen', name: 'DONE' },
              payload: { name: '${form.name}' },
            },
          },
        ],
      },
    },
    {
      id: 'DONE',
      title: 'Done',
      terminal: true,
      data: { name: { type: 'string', __example__: 'Ana' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.name}' },
          {
            type: 'Footer',
            label: 'Finish',
            'on-click-action': { name: 'complete', payload: { name: '${data.name}' } },
          },
        ],
      },
    },
  ],
};

const noEndpoint: PreviewEndpoint = () => Promise.reject(new Error('no endpoint in this Flow'));

function stateOf(run: PreviewRun) {
  if (run.state === null) {
    throw new Error(`the run has no screen: ${JSON.stringify(run.notice)}`);
  }

  return run.state;
}

describe('a preview run without an endpoint', () => {
  const player = createFlowPlayer(signUp);

  it('plays to the end and shows the completion as the webhook receives it', async () => {
    let run = await startRun(player, noEndpoint, {
      flowToken: 'preview-1',
      opensWithEndpoint: false,
    });
    expect(player.view(stateOf(run)).screen).toBe('WELCOME');

    run = await applyStep(player, noEndpoint, run, player.press(stateOf(run)));
    expect(run.notice).toMatchObject({ kind: 'invalid', errors: [{ name: 'name' }] });

    run = await applyStep(player, noEndpoint, run, player.input(stateOf(run), 'name', 'Ana Lima'));
    run = await applyStep(player, noEndpoint, run, player.press(stateOf(run)));
    expect(player.view(stateOf(run)).components[0]?.properties.text).toBe('Ana Lima');

    run = await applyStep(player, noEndpoint, run, player.press(stateOf(run)));
    expect(run.completion).toEqual({
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: {
          response_json: '{"name":"Ana Lima","flow_token":"preview-1"}',
          body: 'Sent',
          name: 'flow',
        },
      },
    });
  });

  it('shows a chosen screen with its example data', () => {
    const run = showScreen(player, 'preview-2', 'DONE');

    expect(player.view(stateOf(run)).components[0]?.properties.text).toBe('Ana');
  });
});

/** The booking Flow of the graph fixtures, its API answered in memory. */
function bookingFlow() {
  const text = readFileSync(
    new URL('../../../../../packages/graph/test-data/booking.graph.json', import.meta.url),
    'utf8',
  )
    .replaceAll('__FLOW_ID__', '00000000-0000-4000-8000-000000000000')
    .replaceAll('__BOOKING_API__', 'https://booking.example');
  const document = upgradeGraphDocument(JSON.parse(text));
  const program = compileProgram(document);
  const answers: Record<string, unknown> = {
    '/dates': { dates: [{ id: '2026-03-15', title: 'Sun 15 March' }] },
    '/slots': { slots: [{ id: '0900', title: '09:00' }] },
    '/bookings': { id: 'B-7' },
  };
  const http = {
    request: (request: HttpRequest) =>
      Promise.resolve({
        status: 200,
        body: JSON.stringify(answers[new URL(request.url).pathname]),
      }),
  };
  const endpoint: PreviewEndpoint = async (request, session) => {
    const current =
      session === null ? createSession('preview-booking') : SessionSchema.parse(session);
    const result = await runEndpointRequest({
      program,
      request: { ...request, version: '3.0', flow_token: current.flowToken },
      session: current,
      now: () => Date.now(),
      ports: { http, delay: () => Promise.resolve() },
    });
    if (!result.ok) {
      return {
        reply: null,
        session: current,
        error: { code: result.error.code, message: result.error.message },
      };
    }

    return { reply: result.reply, session: result.session };
  };

  return { player: createFlowPlayer(compileGraph(document).flowJson), endpoint };
}

describe('a preview run through the endpoint', () => {
  it('opens on the INIT reply and finishes with the SUCCESS params', async () => {
    const { player, endpoint } = bookingFlow();

    let run = await startRun(player, endpoint, {
      flowToken: 'preview-booking',
      opensWithEndpoint: true,
    });
    expect(player.view(stateOf(run)).inputs[0]?.options?.map((option) => option.id)).toEqual([
      '2026-03-15',
    ]);

    run = await applyStep(player, endpoint, run, player.input(stateOf(run), 'date', '2026-03-15'));
    run = await applyStep(player, endpoint, run, player.press(stateOf(run)));
    expect(stateOf(run).screen).toBe('CHOOSE_SLOT');

    run = await applyStep(player, endpoint, run, player.input(stateOf(run), 'slot', '0900'));
    run = await applyStep(player, endpoint, run, player.press(stateOf(run)));
    run = await applyStep(player, endpoint, run, player.input(stateOf(run), 'name', 'Ana'));
    run = await applyStep(player, endpoint, run, player.press(stateOf(run)));

    expect(run.exchanges.map((exchange) => exchange.request.action)).toEqual([
      'INIT',
      'data_exchange',
      'data_exchange',
      'data_exchange',
    ]);
    expect(JSON.parse(run.completion?.interactive.nfm_reply.response_json ?? '{}')).toEqual({
      booking_id: 'B-7',
      date: '2026-03-15',
      slot: '0900',
      name: 'Ana',
      flow_token: 'preview-booking',
    });
  });

  it('keeps the screen and says why when the logic fails', async () => {
    const { player, endpoint } = bookingFlow();
    const failing: PreviewEndpoint = (request, session) =>
      request.action === 'INIT'
        ? endpoint(request, session)
        : Promise.resolve({
            reply: null,
            session,
            error: { code: 'HTTP_FAILED', message: 'the API answered 503' },
          });

    let run = await startRun(player, failing, {
      flowToken: 'preview-booking',
      opensWithEndpoint: true,
    });
    run = await applyStep(player, failing, run, player.input(stateOf(run), 'date', '2026-03-15'));
    run = await applyStep(player, failing, run, player.press(stateOf(run)));

    expect(stateOf(run).screen).toBe('CHOOSE_DATE');
    expect(run.notice?.kind === 'failure' ? run.notice.message : '').toContain('HTTP_FAILED');
    // The screen still answers: the customer may try again.
    expect(() => player.press(stateOf(run))).not.toThrow();
  });
});

describe('a Flow the phone cannot play', () => {
  it("says why in the player's words, not as a server that could not be reached", () => {
    const { player, error } = playerOf({ version: '7.1', screens: [] });

    expect(player).toBeUndefined();
    expect(error).toContain('the Flow JSON cannot be played');
  });
});
