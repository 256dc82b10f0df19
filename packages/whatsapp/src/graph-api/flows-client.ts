import { z } from 'zod';

import { graphCaller } from './client';
import type { GraphApiClientOptions, GraphCall } from './client';
import { GraphApiError, refusedRequest } from './errors';

/** Where a validation error points in the uploaded text (1-based lines and columns). */
const SpanSchema = z.object({
  line_start: z.number().int().optional(),
  line_end: z.number().int().optional(),
  column_start: z.number().int().optional(),
  column_end: z.number().int().optional(),
});

/** One of Meta's `validation_errors` (spec A9): `pointers[].path` is `screens[0].layout…`. */
export const FlowValidationErrorSchema = SpanSchema.extend({
  error: z.string(),
  error_type: z.string().optional(),
  message: z.string(),
  pointers: z.array(SpanSchema.extend({ path: z.string().optional() })).optional(),
}).loose();
export type FlowValidationError = z.infer<typeof FlowValidationErrorSchema>;

export const MetaFlowSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    status: z.string().optional(),
    categories: z.array(z.string()).optional(),
    validation_errors: z.array(FlowValidationErrorSchema).optional(),
    json_version: z.string().optional(),
    endpoint_uri: z.string().optional(),
    preview: z.object({ preview_url: z.string(), expires_at: z.string() }).optional(),
    health_status: z.object({ can_send_message: z.string() }).loose().optional(),
  })
  .loose();
export type MetaFlow = z.infer<typeof MetaFlowSchema>;

const CreatedSchema = z.object({
  id: z.string().min(1),
  validation_errors: z.array(FlowValidationErrorSchema).optional(),
});
const UploadedSchema = z.object({
  success: z.boolean(),
  validation_errors: z.array(FlowValidationErrorSchema).optional(),
});
const SuccessSchema = z.object({ success: z.literal(true) });
const FlowPageSchema = z.object({
  data: z.array(MetaFlowSchema),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional() }).optional(),
});
const AssetListSchema = z.object({
  data: z.array(z.object({ name: z.string(), asset_type: z.string(), download_url: z.string() })),
});

export interface NewMetaFlow {
  name: string;
  categories: readonly string[];
  cloneFlowId?: string;
  endpointUri?: string;
}

export interface MetaFlowChanges {
  name?: string;
  categories?: readonly string[];
  endpointUri?: string;
  applicationId?: string;
}

/** The Flows management calls (spec D1). Every failure is a `GraphApiError`. */
export interface GraphFlowsClient {
  /** `POST /{waba-id}/flows`. Not idempotent: Meta refuses a second Flow of the same name. */
  createFlow(wabaId: string, flow: NewMetaFlow): Promise<{ id: string }>;
  /** Every Flow of the WABA, following the cursors. */
  listFlows(wabaId: string): Promise<MetaFlow[]>;
  getFlow(metaFlowId: string, fields: readonly string[]): Promise<MetaFlow>;
  updateFlow(metaFlowId: string, changes: MetaFlowChanges): Promise<void>;
  /** `POST /{flow-id}/assets`: the Flow JSON text, byte for byte; Meta's validation errors. */
  uploadFlowJson(metaFlowId: string, text: string): Promise<FlowValidationError[]>;
  /** The current Flow JSON text, downloaded from the asset's URL; null when there is none. */
  downloadFlowJson(metaFlowId: string): Promise<string | null>;
  publishFlow(metaFlowId: string): Promise<void>;
  deprecateFlow(metaFlowId: string): Promise<void>;
  deleteFlow(metaFlowId: string): Promise<void>;
}

export function createGraphFlowsClient(options: GraphApiClientOptions): GraphFlowsClient {
  const call = graphCaller(options);
  const flowPath = (id: string, rest = '') => `/${encodeURIComponent(id)}${rest}`;

  return {
    createFlow: async (wabaId, flow) => {
      const body = {
        name: flow.name,
        categories: flow.categories,
        ...(flow.cloneFlowId === undefined ? {} : { clone_flow_id: flow.cloneFlowId }),
        ...(flow.endpointUri === undefined ? {} : { endpoint_uri: flow.endpointUri }),
      };

      return { id: parse(CreatedSchema, await call('POST', flowPath(wabaId, '/flows'), body)).id };
    },
    listFlows: (wabaId) => listAll(call, flowPath(wabaId, '/flows')),
    getFlow: async (metaFlowId, fields) => {
      const query = `?fields=${encodeURIComponent(fields.join(','))}`;

      return parse(MetaFlowSchema, await call('GET', flowPath(metaFlowId, query)));
    },
    updateFlow: async (metaFlowId, changes) => {
      const body = {
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.categories === undefined ? {} : { categories: changes.categories }),
        ...(changes.endpointUri === undefined ? {} : { endpoint_uri: changes.endpointUri }),
        ...(changes.applicationId === undefined ? {} : { application_id: changes.applicationId }),
      };
      parse(SuccessSchema, await call('POST', flowPath(metaFlowId), body));
    },
    uploadFlowJson: async (metaFlowId, text) => {
      const form = new FormData();
      form.set('name', 'flow.json');
      form.set('asset_type', 'FLOW_JSON');
      form.set('file', new Blob([text], { type: 'application/json' }), 'flow.json');
      const answer = parse(
        UploadedSchema,
        await call('POST', flowPath(metaFlowId, '/assets'), form),
      );

      return answer.validation_errors ?? [];
    },
    downloadFlowJson: async (metaFlowId) => {
      const assets = parse(AssetListSchema, await call('GET', flowPath(metaFlowId, '/assets')));
      const asset = assets.data.find((entry) => entry.asset_type === 'FLOW_JSON');

      return asset === undefined ? null : download(options, asset.download_url);
    },
    publishFlow: async (metaFlowId) => {
      parse(SuccessSchema, await call('POST', flowPath(metaFlowId, '/publish')));
    },
    deprecateFlow: async (metaFlowId) => {
      parse(SuccessSchema, await call('POST', flowPath(metaFlowId, '/deprecate')));
    },
    deleteFlow: async (metaFlowId) => {
      parse(SuccessSchema, await call('DELETE', flowPath(metaFlowId)));
    },
  };
}

async function listAll(call: GraphCall, path: string): Promise<MetaFlow[]> {
  const flows: MetaFlow[] = [];
  let after: string | undefined;
  // A WABA holds at most a few hundred Flows; the bound stops a server that repeats a cursor.
  for (let page = 0; page < 100; page += 1) {
    const query = `?limit=100${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
    const answer = parse(FlowPageSchema, await call('GET', `${path}${query}`));
    flows.push(...answer.data);
    const next = answer.paging?.cursors?.after;
    if (answer.data.length === 0 || next === undefined || next === after) {
      break;
    }
    after = next;
  }

  return flows;
}

// Meta's asset links are pre-signed CDN URLs: fetched without the access token, which must
// not travel to another host.
async function download(options: GraphApiClientOptions, url: string): Promise<string> {
  const fetchFn = options.fetch ?? fetch;
  try {
    const response = await fetchFn(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      throw new GraphApiError(`The Flow JSON download answered HTTP ${response.status}`, {
        kind: 'http',
        httpStatus: response.status,
        isTransient: response.status >= 500,
      });
    }

    return await response.text();
  } catch (cause) {
    if (cause instanceof GraphApiError) {
      throw cause;
    }
    throw (
      refusedRequest(cause, 'The Flow JSON download') ??
      new GraphApiError(
        'The Flow JSON could not be downloaded',
        { kind: 'network', isTransient: true },
        { cause },
      )
    );
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new GraphApiError(
      `Unexpected Graph API response: ${result.error.issues[0]?.message ?? 'wrong shape'}`,
      { kind: 'invalid_response', isTransient: false },
    );
  }

  return result.data;
}
