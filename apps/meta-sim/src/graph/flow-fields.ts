import type { SimContext } from '../context';
import { readFlowDocument } from '../flow-document';
import { metaTime, rotatePreview } from '../flows/lifecycle';
import type { SimFlow } from '../state';
import { graphErrors } from './graph-error';

export const DEFAULT_FLOW_FIELDS = 'id,name,status,categories,validation_errors';

interface FieldRequest {
  name: string;
  /** `preview.invalidate(true)` → `{ invalidate: 'true' }`. */
  modifiers: Record<string, string>;
}

/** Splits `a,b.c(d),e.f(g).h(i)` at the commas outside parentheses. */
export function parseFields(fields: string): FieldRequest[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of fields) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);

  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => ({
      name: part.split(/[.(]/, 1)[0] ?? part,
      modifiers: Object.fromEntries(
        [...part.matchAll(/\.(\w+)\(([^)]*)\)/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
      ),
    }));
}

/** A Flow node with the fields asked for (spec D1 `GET /{flow-id}?fields=…`). */
export function renderFlowFields(
  ctx: SimContext,
  flow: SimFlow,
  fields: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of parseFields(fields)) {
    out[field.name] = fieldValue(ctx, flow, field);
  }
  out.id = flow.id;

  return out;
}

function fieldValue(ctx: SimContext, flow: SimFlow, field: FieldRequest): unknown {
  const document = flow.asset === undefined ? undefined : readFlowDocument(flow.asset.text);
  switch (field.name) {
    case 'id':
      return flow.id;
    case 'name':
      return flow.name;
    case 'status':
      return flow.status;
    case 'categories':
      return flow.categories;
    case 'validation_errors':
      return flow.validationErrors;
    case 'json_version':
      return document?.version;
    case 'data_api_version':
      return document?.dataApiVersion;
    case 'endpoint_uri':
    case 'data_channel_uri':
      return flow.endpointUri;
    case 'updated_at':
      return metaTime(flow.updatedAt);
    case 'whatsapp_business_account':
      return { id: flow.wabaId };
    case 'application':
      return flow.applicationId === undefined ? undefined : { id: flow.applicationId };
    case 'preview':
      return preview(ctx, flow, field.modifiers.invalidate === 'true');
    case 'health_status':
      return healthStatus(ctx, flow);
    case 'metric':
      throw graphErrors.flowState(
        139_006,
        'Not enough data',
        'The stand-in keeps no endpoint metrics.',
      );
    default:
      throw graphErrors.badParameter(
        `Tried accessing nonexisting field (${field.name}) on node type (WhatsAppFlow)`,
      );
  }
}

function preview(ctx: SimContext, flow: SimFlow, invalidate: boolean) {
  if (invalidate || flow.previewExpiresAt.getTime() <= Date.now()) {
    rotatePreview(flow);
  }

  return {
    preview_url: `${ctx.url()}/_sim/preview/${flow.id}?token=${flow.previewToken}`,
    expires_at: metaTime(flow.previewExpiresAt),
  };
}

const CAN_SEND = {
  PUBLISHED: 'AVAILABLE',
  DRAFT: 'AVAILABLE',
  THROTTLED: 'LIMITED',
  BLOCKED: 'BLOCKED',
  DEPRECATED: 'BLOCKED',
} as const;

function healthStatus(ctx: SimContext, flow: SimFlow) {
  const canSend = flow.validationErrors.length > 0 ? 'BLOCKED' : CAN_SEND[flow.status];
  const business = ctx.state.businesses.get(flow.wabaId);

  return {
    can_send_message: canSend,
    entities: [
      { entity_type: 'FLOW', id: flow.id, can_send_message: canSend },
      { entity_type: 'WABA', id: flow.wabaId, can_send_message: 'AVAILABLE' },
      ...(business === undefined
        ? []
        : [{ entity_type: 'APP', id: business.appId, can_send_message: 'AVAILABLE' }]),
    ],
  };
}
