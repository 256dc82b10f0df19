import { compareVersions } from '@sanjay-flow/flow-json';
import { FLOW_CATEGORIES, type FlowCategory } from '@sanjay-flow/whatsapp';

import type { SimContext } from '../context';
import { readFlowDocument } from '../flow-document';
import { checkEditable, rotatePreview, storeFlowJson } from '../flows/lifecycle';
import { newObjectId } from '../ids';
import type { Business, SimFlow } from '../state';
import { emitFlowStatusChange } from '../webhooks/events';
import { flowOf, wabaOf } from './access';
import { checkPublishable, markPublished } from './flow-publish';
import { graphErrors } from './graph-error';
import { booleanParam, jsonArrayParam, stringParam } from './graph-request';
import type { GraphRequest } from './graph-request';
import type { GraphAnswer } from './graph-route';
import { DEFAULT_FLOW_FIELDS, renderFlowFields } from './flow-fields';

const MAX_NAME_LENGTH = 200;
const PAGE_SIZE = 25;

/** `POST /{waba-id}/flows` (spec D1). */
export async function createFlow(ctx: SimContext, request: GraphRequest): Promise<GraphAnswer> {
  const business = wabaOf(ctx, request);
  const { params } = request;
  const name = checkName(ctx, business, stringParam(params, 'name'), undefined);
  const categories = checkCategories(jsonArrayParam(params, 'categories'));
  const source = cloneSource(ctx, business, stringParam(params, 'clone_flow_id'));
  const flowJson = stringParam(params, 'flow_json') ?? source?.asset?.text;
  const endpointUri = stringParam(params, 'endpoint_uri') ?? source?.endpointUri;
  checkEndpointUri(endpointUri, flowJson);
  const flow = newFlow(business, name, categories, endpointUri);
  if (flowJson !== undefined) {
    storeFlowJson(ctx, business, flow, flowJson);
  }
  // A create that asks to publish is all or nothing: a refused publish creates no Flow, so
  // that the caller can fix the cause and send the same request again.
  const publish = booleanParam(params, 'publish') === true;
  if (publish) {
    await checkPublishable(business, flow);
  }
  ctx.state.flows.set(flow.id, flow);
  void emitFlowStatusChange(ctx, business, flow, undefined);
  if (publish) {
    markPublished(ctx, business, flow);
  }

  return {
    body: { id: flow.id, success: true, validation_errors: flow.validationErrors },
  };
}

/** `GET /{waba-id}/flows`, paged with opaque cursors. */
export function listFlows(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const business = wabaOf(ctx, request);
  const flows = [...ctx.state.flows.values()].filter((flow) => flow.wabaId === business.wabaId);
  const limit = Math.min(
    Number(stringParam(request.params, 'limit') ?? PAGE_SIZE) || PAGE_SIZE,
    100,
  );
  const start = cursorIndex(stringParam(request.params, 'after'), 1) ?? 0;
  const page = flows.slice(start, start + limit);
  const after = start + page.length < flows.length ? cursor(start + page.length - 1) : undefined;

  return {
    body: {
      data: page.map((flow) => renderFlowFields(ctx, flow, DEFAULT_FLOW_FIELDS)),
      paging: {
        cursors: { before: cursor(start), after: cursor(start + Math.max(page.length - 1, 0)) },
        ...(after === undefined
          ? {}
          : { next: `${ctx.url()}/v23.0/${business.wabaId}/flows?after=${after}` }),
      },
    },
  };
}

/** `POST /{flow-id}`: metadata. Editing a published Flow puts it back to DRAFT (spec D2). */
export function updateFlow(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const { flow, business } = flowOf(ctx, request);
  const { params } = request;
  if (flow.status === 'DEPRECATED') {
    throw graphErrors.flowState(
      139_001,
      'Error while updating the Flow',
      'A deprecated Flow cannot be updated.',
    );
  }
  checkEditable(flow);
  const name = stringParam(params, 'name');
  const categories = jsonArrayParam(params, 'categories');
  const endpointUri = stringParam(params, 'endpoint_uri');
  if (name !== undefined) {
    flow.name = checkName(ctx, business, name, flow.id);
  }
  if (categories !== undefined) {
    flow.categories = checkCategories(categories);
  }
  if (endpointUri !== undefined) {
    checkEndpointUri(endpointUri, flow.asset?.text);
    flow.endpointUri = endpointUri;
  }
  flow.applicationId = stringParam(params, 'application_id') ?? flow.applicationId;
  flow.updatedAt = new Date();

  return { body: { success: true } };
}

/** `DELETE /{flow-id}`: only a Flow that was never published. */
export function deleteFlow(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const { flow } = flowOf(ctx, request);
  if (flow.status !== 'DRAFT' || flow.published !== undefined) {
    throw graphErrors.flowState(
      139_004,
      'Flow can not be deleted',
      `Flow ${flow.id} is not a draft; deprecate it instead.`,
    );
  }
  ctx.state.flows.delete(flow.id);

  return { body: { success: true } };
}

function newFlow(
  business: Business,
  name: string,
  categories: FlowCategory[],
  endpointUri: string | undefined,
): SimFlow {
  const flow: SimFlow = {
    id: newObjectId(),
    wabaId: business.wabaId,
    name,
    categories,
    status: 'DRAFT',
    endpointUri,
    applicationId: business.appId,
    asset: undefined,
    validationErrors: [],
    published: undefined,
    previewToken: '',
    previewExpiresAt: new Date(0),
    recentSends: [],
    editableWhenPublished: true,
    updatedAt: new Date(),
  };
  rotatePreview(flow);

  return flow;
}

function checkName(
  ctx: SimContext,
  business: Business,
  name: string | undefined,
  self: string | undefined,
): string {
  if (name === undefined || name.trim() === '') {
    throw graphErrors.badParameter('The parameter name is required.');
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw graphErrors.badParameter(`name: at most ${MAX_NAME_LENGTH} characters.`);
  }
  const taken = [...ctx.state.flows.values()].some(
    (flow) => flow.wabaId === business.wabaId && flow.name === name && flow.id !== self,
  );
  if (taken) {
    throw graphErrors.badParameter(
      `Another Flow in this WhatsApp Business Account is named "${name}".`,
    );
  }

  return name;
}

function checkCategories(categories: unknown[] | undefined): FlowCategory[] {
  if (categories === undefined || categories.length === 0) {
    throw graphErrors.badParameter('The parameter categories is required: at least one category.');
  }
  const unknown = categories.find((c) => !FLOW_CATEGORIES.includes(c as FlowCategory));
  if (unknown !== undefined) {
    throw graphErrors.badParameter(
      `categories: ${JSON.stringify(unknown)} is not one of ${FLOW_CATEGORIES.join(', ')}.`,
    );
  }

  return categories as FlowCategory[];
}

function cloneSource(
  ctx: SimContext,
  business: Business,
  id: string | undefined,
): SimFlow | undefined {
  if (id === undefined) {
    return undefined;
  }
  const source = ctx.state.flows.get(id);
  if (source?.wabaId !== business.wabaId) {
    throw graphErrors.badParameter(
      `clone_flow_id: no Flow ${id} in this WhatsApp Business Account.`,
    );
  }

  return source;
}

// Meta calls endpoints over HTTPS only; plain HTTP is let through to loopback, where the
// product under test listens.
function checkEndpointUri(uri: string | undefined, flowJson: string | undefined): void {
  if (uri === undefined) {
    return;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw graphErrors.badParameter(`endpoint_uri: "${uri}" is not a URL.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw graphErrors.badParameter('endpoint_uri: must be an https URL.');
  }
  const version = flowJson === undefined ? undefined : readFlowDocument(flowJson)?.version;
  if (version !== undefined && compareVersions(version, '3.0') < 0) {
    throw graphErrors.badParameter('endpoint_uri: Flows before Flow JSON 3.0 cannot have one.');
  }
}

function cursor(index: number): string {
  return Buffer.from(`flow:${index}`).toString('base64url');
}

function cursorIndex(value: string | undefined, offset: number): number | undefined {
  const match =
    value === undefined ? null : /^flow:(\d+)$/.exec(Buffer.from(value, 'base64url').toString());

  return match?.[1] === undefined ? undefined : Number(match[1]) + offset;
}
