import type { z } from 'zod';

import type { SimContext } from '../context';
import { readFlowDocument, screenById } from '../flow-document';
import type { FlowDocument } from '../flow-document';
import type { Business, FlowAsset, SimFlow } from '../state';
import { graphErrors } from './graph-error';
import type { FlowParameters, TemplateMessageSchema } from './message-schemas';

// Meta advises at most 30 characters and no emoji; some SDKs stop at 20 (spec C7, conflict).
const MAX_CTA_LENGTH = 30;
const EMOJI = /\p{Extended_Pictographic}/u;
const THROTTLED_SENDS_PER_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;

/** Spec C7/C8: what Meta checks before it accepts a Flow message. */
export function checkFlowSend(ctx: SimContext, business: Business, params: FlowParameters): void {
  const bad = graphErrors.messageParameter;
  if (params.flow_message_version !== '3') {
    throw bad('interactive.action.parameters.flow_message_version: must be "3".');
  }
  if ((params.flow_id === undefined) === (params.flow_name === undefined)) {
    throw bad('interactive.action.parameters: give exactly one of flow_id and flow_name.');
  }
  if (params.flow_cta.length > MAX_CTA_LENGTH || params.flow_cta.trim() === '') {
    throw bad(`interactive.action.parameters.flow_cta: 1 to ${MAX_CTA_LENGTH} characters.`);
  }
  if (EMOJI.test(params.flow_cta)) {
    throw bad('interactive.action.parameters.flow_cta: emoji are not allowed.');
  }
  if (params.flow_token?.trim() === '') {
    throw bad('interactive.action.parameters.flow_token: cannot be empty.');
  }
  const flow = findFlow(ctx, business, params);
  const document = documentToSend(flow, params.mode ?? 'published');
  checkAction(params, document);
  countThrottledSend(flow);
}

/** The Flow a message names, by id or by name, in the sending business's WABA. */
export function findFlow(
  ctx: SimContext,
  business: Business,
  params: { flow_id?: string | undefined; flow_name?: string | undefined },
): SimFlow {
  const flow = [...ctx.state.flows.values()].find(
    (candidate) =>
      candidate.wabaId === business.wabaId &&
      (params.flow_id === undefined
        ? candidate.name === params.flow_name
        : candidate.id === params.flow_id),
  );
  if (flow === undefined) {
    const named = params.flow_id ?? params.flow_name ?? '';
    throw graphErrors.messageParameter(
      `Flow ${named} does not exist in this WhatsApp Business Account.`,
    );
  }

  return flow;
}

/** The Flow JSON a message in this mode opens, or the send-time error Meta gives. */
export function assetToOpen(flow: SimFlow, mode: 'published' | 'draft'): FlowAsset {
  if (flow.status === 'BLOCKED') {
    throw graphErrors.flowState(132_068, 'Flow is in blocked state', `Flow ${flow.id} is blocked.`);
  }
  if (flow.status === 'DEPRECATED') {
    throw graphErrors.messageParameter(`Flow ${flow.id} is deprecated and can no longer be sent.`);
  }
  const asset = mode === 'draft' ? flow.asset : flow.published;
  if (asset === undefined) {
    throw graphErrors.messageParameter(
      mode === 'draft'
        ? `Flow ${flow.id} has no Flow JSON yet.`
        : `Flow ${flow.id} is not published: send it with mode "draft" to test it.`,
    );
  }

  return asset;
}

function documentToSend(flow: SimFlow, mode: 'published' | 'draft'): FlowDocument {
  const document = readFlowDocument(assetToOpen(flow, mode).text);
  if (document === undefined) {
    throw graphErrors.messageParameter(`Flow ${flow.id} has no readable Flow JSON.`);
  }

  return document;
}

function checkAction(params: FlowParameters, document: FlowDocument): void {
  const bad = graphErrors.messageParameter;
  const payload = params.flow_action_payload;
  if (params.flow_action === 'data_exchange') {
    if (payload !== undefined) {
      throw bad('interactive.action.parameters.flow_action_payload: only allowed with navigate.');
    }
    if (document.dataApiVersion === undefined) {
      throw bad(
        'interactive.action.parameters.flow_action: data_exchange needs a Flow with an endpoint.',
      );
    }

    return;
  }
  if (payload?.data !== undefined && Object.keys(payload.data).length === 0) {
    throw bad(
      'interactive.action.parameters.flow_action_payload.data: must not be empty when given.',
    );
  }
  if (payload?.screen !== undefined && screenById(document, payload.screen) === undefined) {
    throw bad(
      `interactive.action.parameters.flow_action_payload.screen: no screen "${payload.screen}".`,
    );
  }
}

function countThrottledSend(flow: SimFlow): void {
  const now = Date.now();
  flow.recentSends = flow.recentSends.filter((at) => now - at < HOUR_MS);
  if (flow.status === 'THROTTLED' && flow.recentSends.length >= THROTTLED_SENDS_PER_HOUR) {
    throw graphErrors.flowState(
      132_069,
      'Flow is in throttled state and 10 messages were sent in the last hour',
      `Flow ${flow.id} is throttled.`,
    );
  }
  flow.recentSends.push(now);
}

type TemplateSend = z.infer<typeof TemplateMessageSchema>['template'];

/** A template send names an approved template of the WABA in that language. */
export function checkTemplateSend(
  ctx: SimContext,
  business: Business,
  template: TemplateSend,
): void {
  const known = [...ctx.state.templates.values()].find(
    (t) =>
      t.wabaId === business.wabaId &&
      t.name === template.name &&
      t.language === template.language.code,
  );
  if (known === undefined) {
    throw graphErrors.flowState(
      132_001,
      'Template name does not exist in the translation',
      `template name (${template.name}) does not exist in ${template.language.code}`,
    );
  }
}
