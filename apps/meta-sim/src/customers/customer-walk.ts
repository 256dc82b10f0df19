import {
  EndpointReplySchema,
  FlowPlayerError,
  PickedMediaSchema,
  suggestedValues,
} from '@sanjay-flow/flow-player';
import type {
  ComponentView,
  FlowPlayer,
  JsonObject,
  PlayerState,
  ScreenView,
  Step,
} from '@sanjay-flow/flow-player';

import type { SimContext } from '../context';
import type { FlowDocument } from '../flow-document';
import { isLoopbackUrl } from '../loopback';
import { createFlowEndpointClient } from '../phone/flow-endpoint-client';
import type { FlowEndpointRequest } from '../phone/flow-endpoint-client';
import type { Business, SimFlow } from '../state';
import type { FlowOpening } from './flow-opening';
import { pickMedia } from './picked-media';

const MAX_TURNS = 50;

export interface CompleteFlowInput {
  messageId: string;
  /** Answers by screen id, then input name; required inputs without one get a suggested value. */
  answers?: Record<string, Record<string, unknown>> | undefined;
  /** Screens on which the customer presses back once before going on. */
  backFrom?: string[] | undefined;
}

export interface WalkStep {
  screen: string;
  action: string;
  endpoint?: { request: FlowEndpointRequest; status: number; reply: unknown };
}

/** Where a walk ended: the Flow's response (`complete` payload or SUCCESS params), or why not. */
export type WalkOutcome =
  { kind: 'completed'; response: JsonObject } | { kind: 'failed'; reason: string };

interface WalkParts {
  business: Business;
  flow: SimFlow;
  document: FlowDocument;
  opening: FlowOpening;
  input: CompleteFlowInput;
}

class WalkStopped extends Error {}

/**
 * A customer's phone going through one Flow: the player decides what each screen shows and
 * what each press does; this class types the answers, presses, and makes the endpoint calls
 * with real encryption.
 */
export class CustomerWalk {
  readonly steps: WalkStep[] = [];
  private readonly backPressed = new Set<string>();

  constructor(
    private readonly ctx: SimContext,
    private readonly parts: WalkParts,
    private readonly player: FlowPlayer,
  ) {}

  async run(): Promise<WalkOutcome> {
    try {
      let state = await this.open();
      for (let turn = 0; turn < MAX_TURNS && state.status === 'open'; turn += 1) {
        state = await this.turn(state);
      }
      if (state.status === 'completed') {
        return { kind: 'completed', response: state.response ?? {} };
      }

      return {
        kind: 'failed',
        reason:
          state.status === 'closed'
            ? 'The customer closed the Flow.'
            : `The Flow did not finish within ${MAX_TURNS} screens.`,
      };
    } catch (error) {
      if (error instanceof WalkStopped || error instanceof FlowPlayerError) {
        return { kind: 'failed', reason: error.message };
      }
      throw error;
    }
  }

  /** `navigate` opens the message's (or the entry) screen; `data_exchange` asks the endpoint. */
  private async open(): Promise<PlayerState> {
    const { opening } = this.parts;
    if (opening.flowAction === 'navigate') {
      return this.player.start({
        ...(opening.screen === undefined ? {} : { screen: opening.screen }),
        ...(opening.data === undefined ? {} : { data: opening.data }),
      });
    }
    const reply = EndpointReplySchema.safeParse(
      await this.call({ action: 'INIT', screen: '', data: {} }),
    );
    if (!reply.success) {
      throw new WalkStopped('The endpoint answered INIT without a screen.');
    }

    return this.player.start({ screen: reply.data.screen, data: reply.data.data ?? {} });
  }

  private async turn(state: PlayerState): Promise<PlayerState> {
    const view = this.player.view(state);
    const wantsBack = this.parts.input.backFrom?.includes(view.screen) === true;
    if (wantsBack && !this.backPressed.has(view.screen) && state.history.length > 0) {
      this.backPressed.add(view.screen);

      return this.follow(this.player.back(state), view.screen);
    }
    const filled = await this.fill(state, view);
    // TODO: the walk presses each screen's Footer only; Flows that go on through an
    // EmbeddedLink or a NavigationList item cannot be completed by the stand-in yet.

    return this.follow(this.player.press(filled), view.screen);
  }

  /** The test's answers, then the player's suggestions for each required input still empty. */
  private async fill(state: PlayerState, view: ScreenView): Promise<PlayerState> {
    const given = this.parts.input.answers?.[view.screen] ?? {};
    let current = state;
    for (const component of view.components) {
      const input = component.input;
      if (input === undefined || !input.enabled) {
        continue;
      }
      const candidates = candidatesFor(component, given[input.name]).map((candidate) =>
        given[input.name] === undefined ? this.withContent(candidate) : candidate,
      );
      for (const candidate of candidates) {
        current = await this.follow(this.player.input(current, input.name, candidate), view.screen);
        const now = this.player.view(current).inputs.find((i) => i.name === input.name);
        if (now?.error === undefined) {
          break;
        }
      }
    }

    return current;
  }

  /**
   * Suggested files are descriptions only: the customer picks a small file for each, so that an
   * endpoint or a business that downloads them gets real, encrypted content.
   */
  private withContent(candidate: unknown): unknown {
    const files = PickedMediaSchema.array().safeParse(candidate);
    if (!files.success) {
      return candidate;
    }

    return files.data.map((file) =>
      pickMedia(this.ctx, {
        phoneNumberId: this.parts.business.phoneNumberId,
        fileName: file.file_name,
        mimeType: file.mime_type,
        bytes: Buffer.from(`${file.file_name}, picked by a customer of the Meta stand-in\n`),
      }),
    );
  }

  private async follow(step: Step, screen: string): Promise<PlayerState> {
    switch (step.kind) {
      case 'update':
        return step.state;
      case 'navigate':
      case 'complete':
      case 'close':
        this.steps.push({ screen, action: step.kind });

        return step.state;
      case 'data_exchange': {
        const reply = await this.call({
          action: step.action,
          screen: step.screen,
          data: step.payload,
        });

        return this.player.receive(step.state, reply);
      }
      case 'invalid':
        throw new WalkStopped(
          `Screen ${screen} refused the answers: ${step.errors.map((e) => `${e.name}: ${e.message}`).join('; ')}.`,
        );
      // TODO: links are not followed, so a Footer that opens a URL ends the walk.
      case 'open_url':
        throw new WalkStopped(
          `Screen ${screen} opens ${step.url}; the stand-in does not follow links.`,
        );
    }
  }

  /** One data-endpoint call as the phone makes it; anything but a 200 ends the walk. */
  private async call(
    request: Omit<FlowEndpointRequest, 'version' | 'flow_token'>,
  ): Promise<unknown> {
    const { business, flow, document, opening } = this.parts;
    if (flow.endpointUri === undefined || business.businessPublicKey === undefined) {
      throw new WalkStopped(
        'The Flow calls its endpoint, but it has no endpoint_uri or the number no public key.',
      );
    }
    if (!isLoopbackUrl(flow.endpointUri)) {
      throw new WalkStopped('The stand-in calls endpoints on 127.0.0.1 or localhost only.');
    }
    const client = createFlowEndpointClient({
      endpointUrl: flow.endpointUri,
      businessPublicKey: business.businessPublicKey,
      appSecret: business.appSecret,
    });
    const full: FlowEndpointRequest = {
      version: document.dataApiVersion ?? '3.0',
      ...request,
      flow_token: opening.flowToken,
    };
    const answer = await client.send(full).catch((error: unknown) => {
      throw new WalkStopped(`The endpoint could not be reached (${String(error)}).`);
    });
    this.steps.push({
      screen: request.screen === '' ? '(open)' : (request.screen ?? ''),
      action: request.action,
      endpoint: { request: full, status: answer.status, reply: answer.reply },
    });
    if (answer.status !== 200 || answer.reply === undefined) {
      const reply = answer.reply as { error_msg?: unknown } | undefined;
      const detail = typeof reply?.error_msg === 'string' ? `: ${reply.error_msg}` : '';
      throw new WalkStopped(
        `The endpoint answered ${request.action} with HTTP ${answer.status}${detail}.`,
      );
    }
    this.ctx.log.debug(
      { flowId: flow.id, action: request.action, status: answer.status },
      'endpoint called',
    );

    return answer.reply;
  }
}

/** The test's answer, else the player's suggestions for a required input still empty. */
function candidatesFor(component: ComponentView, answer: unknown): unknown[] {
  if (answer !== undefined) {
    return [answer];
  }
  const input = component.input;
  if (input?.required !== true || input.value !== undefined) {
    return [];
  }

  return suggestedValues(component);
}
