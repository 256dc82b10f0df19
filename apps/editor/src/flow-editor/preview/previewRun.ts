import { createFlowPlayer, FlowPlayerError } from '@sanjay-flow/flow-player';
import type {
  FlowPlayer,
  InputError,
  JsonObject,
  PlayerState,
  Step,
} from '@sanjay-flow/flow-player';

import { nfmReply, type NfmReply } from './completion';

/** A request the phone sends to the data endpoint, before encryption (spec B3). */
export interface EndpointRequest {
  action: 'INIT' | 'data_exchange' | 'BACK';
  screen?: string;
  data: JsonObject;
}

/** What the server answered a preview request: the reply, or why the Flow's logic failed. */
export interface EndpointAnswer {
  reply: unknown;
  /** The runtime's session, kept by the preview and handed back with the next request. */
  session: unknown;
  error?: { code: string; message: string };
}

export type PreviewEndpoint = (
  request: EndpointRequest,
  session: unknown,
) => Promise<EndpointAnswer>;

/** One round trip to the endpoint, as the preview lists them. */
export interface Exchange {
  request: EndpointRequest;
  reply: unknown;
  error?: { code: string; message: string };
}

/** What the last action led to besides a new screen. */
export type Notice =
  | { kind: 'invalid'; errors: InputError[] }
  | { kind: 'open_url'; url: string }
  | { kind: 'closed' }
  | { kind: 'failure'; message: string };

/**
 * One run of the Flow in the preview. Plain data, replaced on every action, so a React state
 * holds it as it is.
 */
export interface PreviewRun {
  state: PlayerState | null;
  flowToken: string;
  /** The runtime's session of this run (`null` until the endpoint answered once). */
  session: unknown;
  exchanges: Exchange[];
  notice: Notice | null;
  completion: NfmReply | null;
}

export interface StartOptions {
  flowToken: string;
  /** The Flow is sent with `flow_action: "data_exchange"`: the endpoint's INIT reply opens it. */
  opensWithEndpoint: boolean;
}

function failure(error: unknown): Notice {
  if (error instanceof FlowPlayerError) {
    const reported =
      error.clientError === undefined ? '' : ` (the phone reports ${error.clientError})`;

    return { kind: 'failure', message: `${error.message}${reported}` };
  }

  return { kind: 'failure', message: error instanceof Error ? error.message : String(error) };
}

function emptyRun(flowToken: string): PreviewRun {
  return { state: null, flowToken, session: null, exchanges: [], notice: null, completion: null };
}

async function exchange(
  endpoint: PreviewEndpoint,
  run: PreviewRun,
  request: EndpointRequest,
): Promise<{ run: PreviewRun; answer: EndpointAnswer }> {
  const answer = await endpoint(request, run.session);
  const logged: Exchange = {
    request,
    reply: answer.reply,
    ...(answer.error === undefined ? {} : { error: answer.error }),
  };
  const notice: Notice | null =
    answer.error === undefined
      ? null
      : {
          kind: 'failure',
          message: `The Flow's logic failed (${answer.error.code}): ${answer.error.message}`,
        };

  return {
    run: { ...run, session: answer.session, exchanges: [...run.exchanges, logged], notice },
    answer,
  };
}

function replyParts(reply: unknown): { screen?: string; data?: JsonObject } {
  return typeof reply === 'object' && reply !== null ? reply : {};
}

/** A player of the compiled Flow JSON, or why the phone cannot play it (the player's words). */
export function playerOf(flowJson: unknown): { player?: FlowPlayer; error?: string } {
  try {
    return { player: createFlowPlayer(flowJson) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Shows a screen (by default the entry screen) with its example data, as a preview of it. */
export function showScreen(player: FlowPlayer, flowToken: string, screen?: string): PreviewRun {
  const run = emptyRun(flowToken);
  try {
    const start = screen === undefined ? { examples: true } : { screen, examples: true };

    return { ...run, state: player.start(start) };
  } catch (error) {
    return { ...run, notice: failure(error) };
  }
}

/** Opens the Flow as the customer does: on the INIT reply, or on the entry screen's examples. */
export async function startRun(
  player: FlowPlayer,
  endpoint: PreviewEndpoint,
  options: StartOptions,
): Promise<PreviewRun> {
  if (!options.opensWithEndpoint) {
    return showScreen(player, options.flowToken);
  }
  const run = emptyRun(options.flowToken);
  try {
    const opened = await exchange(endpoint, run, { action: 'INIT', data: {} });
    const { screen, data } = replyParts(opened.answer.reply);
    if (screen === undefined) {
      return opened.run;
    }

    return {
      ...opened.run,
      state: player.start({ screen, ...(data === undefined ? {} : { data }) }),
    };
  } catch (error) {
    return { ...run, notice: failure(error) };
  }
}

function finished(run: PreviewRun, state: PlayerState): PreviewRun {
  return state.status === 'completed' && state.response !== undefined
    ? { ...run, state, completion: nfmReply(state.response, run.flowToken) }
    : { ...run, state };
}

async function sendToEndpoint(
  player: FlowPlayer,
  endpoint: PreviewEndpoint,
  run: PreviewRun,
  step: Extract<Step, { kind: 'data_exchange' }>,
): Promise<PreviewRun> {
  const sent = await exchange(endpoint, run, {
    action: step.action,
    screen: step.screen,
    data: step.payload,
  });
  if (sent.answer.reply === null || sent.answer.reply === undefined) {
    return sent.run;
  }

  return finished(sent.run, player.receive(step.state, sent.answer.reply));
}

type LocalStep = Exclude<Step, { kind: 'data_exchange' }>;

/** What a step that needs no endpoint leads to; a refused input keeps the screen as it is. */
export function applyLocalStep(run: PreviewRun, step: LocalStep): PreviewRun {
  const settled = { ...run, notice: null, state: step.state };
  switch (step.kind) {
    case 'update':
    case 'navigate':
      return settled;
    case 'invalid':
      return { ...settled, notice: { kind: 'invalid', errors: step.errors } };
    case 'complete':
      return { ...settled, completion: nfmReply(step.payload, run.flowToken) };
    case 'open_url':
      return { ...settled, notice: { kind: 'open_url', url: step.url } };
    case 'close':
      return { ...settled, notice: { kind: 'closed' } };
  }
}

/**
 * Carries out what a customer's action led to. A failed request or a reply the phone refuses
 * leaves the screen as it was, with the reason as the run's notice.
 */
export async function applyStep(
  player: FlowPlayer,
  endpoint: PreviewEndpoint,
  run: PreviewRun,
  step: Step,
): Promise<PreviewRun> {
  if (step.kind !== 'data_exchange') {
    return applyLocalStep(run, step);
  }
  try {
    return await sendToEndpoint(player, endpoint, { ...run, notice: null }, step);
  } catch (error) {
    return { ...run, notice: failure(error) };
  }
}

/** Runs a player call that may refuse (an option not offered, a finished Flow) as a step. */
export function tryStep(run: PreviewRun, act: () => Step): Step | PreviewRun {
  try {
    return act();
  } catch (error) {
    return { ...run, notice: failure(error) };
  }
}
