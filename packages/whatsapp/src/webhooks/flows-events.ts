import { z } from 'zod';

/**
 * Flows webhooks (`field: "flows"`, spec C6). Numbers of the alert events are accepted as
 * numbers or numeric strings; an event not listed here parses as `OTHER` with its name in
 * `original_event`.
 */
const alert = {
  flow_id: z.string().optional(),
  message: z.string().optional(),
  threshold: z.coerce.number().optional(),
  alert_state: z.string().optional(),
};

const ErrorRateSchema = z.looseObject({
  ...alert,
  error_rate: z.coerce.number().optional(),
  errors: z
    .array(
      z.looseObject({
        error_type: z.string(),
        error_rate: z.coerce.number().optional(),
        error_count: z.coerce.number().optional(),
      }),
    )
    .optional(),
});

const KnownFlowsEventSchema = z.discriminatedUnion('event', [
  z.looseObject({
    event: z.literal('FLOW_STATUS_CHANGE'),
    flow_id: z.string(),
    message: z.string().optional(),
    old_status: z.string().optional(),
    new_status: z.string(),
    warning: z.string().optional(),
  }),
  ErrorRateSchema.extend({ event: z.literal('CLIENT_ERROR_RATE') }),
  ErrorRateSchema.extend({ event: z.literal('ENDPOINT_ERROR_RATE') }),
  z.looseObject({
    ...alert,
    event: z.literal('ENDPOINT_LATENCY'),
    p50_latency: z.coerce.number().optional(),
    p90_latency: z.coerce.number().optional(),
    requests_count: z.coerce.number().optional(),
  }),
  z.looseObject({
    ...alert,
    event: z.literal('ENDPOINT_AVAILABILITY'),
    availability: z.coerce.number().optional(),
  }),
  z.looseObject({
    event: z.literal('FLOW_VERSION_EXPIRY_WARNING'),
    flow_id: z.string(),
    warning: z.string().optional(),
  }),
]);

const OtherFlowsEventSchema = z.looseObject({
  event: z.literal('OTHER'),
  original_event: z.string().optional(),
  flow_id: z.string().optional(),
  problem: z.string().optional(),
});

export type FlowsWebhookEvent =
  z.infer<typeof KnownFlowsEventSchema> | z.infer<typeof OtherFlowsEventSchema>;

const KNOWN_EVENTS = new Set<string>(KnownFlowsEventSchema.options.map((o) => o.shape.event.value));

/** Never fails on an object: what is not understood parses as `OTHER`. */
export const FlowsWebhookEventSchema = z
  .looseObject({ event: z.unknown().optional() })
  .transform((input): FlowsWebhookEvent => {
    const known = KnownFlowsEventSchema.safeParse(input);
    if (known.success) {
      return known.data;
    }
    const { event, ...rest } = input;
    const name = typeof event === 'string' ? event : undefined;
    const flowId = typeof rest['flow_id'] === 'string' ? rest['flow_id'] : undefined;

    return OtherFlowsEventSchema.parse({
      ...rest,
      event: 'OTHER',
      ...(name === undefined ? {} : { original_event: name }),
      ...(flowId === undefined ? {} : { flow_id: flowId }),
      ...(name !== undefined && KNOWN_EVENTS.has(name)
        ? { problem: known.error.issues.map((issue) => issue.message).join('; ') }
        : {}),
    });
  });
