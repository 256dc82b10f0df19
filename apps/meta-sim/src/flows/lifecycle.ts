import { randomBytes } from 'node:crypto';

import type { SimContext } from '../context';
import type { Business, FlowStatus, SimFlow } from '../state';
import { emitFlowStatusChange } from '../webhooks/events';
import { graphErrors } from '../graph/graph-error';
import { flowValidationErrors } from './validation';

const PREVIEW_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Spec D2: which statuses may follow which. Monitoring moves are made through the control API. */
const NEXT_STATUSES: Record<FlowStatus, readonly FlowStatus[]> = {
  DRAFT: ['PUBLISHED'],
  PUBLISHED: ['DRAFT', 'DEPRECATED', 'THROTTLED'],
  THROTTLED: ['PUBLISHED', 'BLOCKED', 'DEPRECATED'],
  BLOCKED: ['THROTTLED', 'DEPRECATED'],
  DEPRECATED: [],
};

export function canMove(from: FlowStatus, to: FlowStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Changes a Flow's status and tells the business through a `flows` webhook. */
export function moveFlow(ctx: SimContext, business: Business, flow: SimFlow, to: FlowStatus): void {
  const from = flow.status;
  if (from === to) {
    return;
  }
  flow.status = to;
  flow.updatedAt = new Date();
  ctx.log.info({ flowId: flow.id, from, to }, 'flow status changed');
  void emitFlowStatusChange(ctx, business, flow, from);
}

/**
 * Refuses a change to a published Flow of the kind Meta no longer lets change (made before
 * editing published Flows was allowed): such a Flow is cloned instead.
 */
export function checkEditable(flow: SimFlow): void {
  const live = flow.status !== 'DRAFT' && flow.status !== 'DEPRECATED';
  if (live && !flow.editableWhenPublished) {
    throw graphErrors.flowState(
      139_001,
      'Error while updating the Flow',
      `Flow ${flow.id} is published and cannot be updated; clone it with clone_flow_id.`,
    );
  }
}

/** A new upload becomes the draft; a published Flow goes back to DRAFT (spec D2). */
export function storeFlowJson(
  ctx: SimContext,
  business: Business,
  flow: SimFlow,
  text: string,
): void {
  flow.asset = { version: (flow.asset?.version ?? 0) + 1, text, uploadedAt: new Date() };
  flow.validationErrors = flowValidationErrors(text, ctx.state.unpublishedRules);
  flow.updatedAt = new Date();
  if (flow.status === 'PUBLISHED' || flow.status === 'THROTTLED') {
    moveFlow(ctx, business, flow, 'DRAFT');
  }
}

export function rotatePreview(flow: SimFlow): void {
  flow.previewToken = randomBytes(16).toString('hex');
  flow.previewExpiresAt = new Date(Date.now() + PREVIEW_LIFETIME_MS);
}

/** Meta's time format in Flow fields: `2023-05-21T11:18:09+0000`. */
export function metaTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}
