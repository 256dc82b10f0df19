import { z } from 'zod';

import { RoutingModelSchema } from '../schemas';

/** Types a screen's data field may declare. `integer` is unconfirmed (U) and so refused. */
export const DATA_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;

export type DataType = (typeof DATA_TYPES)[number];

/** A field of a screen's `data` model: JSON-Schema-like (spec A3). */
export interface DataField {
  type: DataType;
  items?: DataField | boolean;
  properties?: Record<string, DataField>;
  description?: string;
  required?: string[];
  __example__?: unknown;
}

/** A nested field: like a top-level one, but `__example__` is only allowed at the top. */
export const NestedDataFieldSchema: z.ZodType<DataField> = z.lazy(() =>
  z.strictObject({
    type: z.enum(DATA_TYPES),
    items: z.union([NestedDataFieldSchema, z.boolean()]).optional(),
    properties: z.record(z.string(), NestedDataFieldSchema).optional(),
    description: z.string().optional(),
    required: z.array(z.string()).optional(),
  }),
);

export const DataFieldSchema = z.strictObject({
  type: z.enum(DATA_TYPES),
  items: z.union([NestedDataFieldSchema, z.boolean()]).optional(),
  properties: z.record(z.string(), NestedDataFieldSchema).optional(),
  description: z.string().optional(),
  required: z.array(z.string()).optional(),
  __example__: z.unknown(),
});

export const ScreenDataSchema = z.record(z.string(), DataFieldSchema);

/** Screen ids: letters and underscores. Digits are common but unconfirmed (U): refused. */
export const SCREEN_ID_PATTERN = /^[A-Za-z_]+$/;

export const LayoutSchema = z.strictObject({
  type: z.literal('SingleColumnLayout'),
  children: z.array(z.unknown()),
});

export const ScreenSchema = z.strictObject({
  id: z.string().regex(SCREEN_ID_PATTERN),
  title: z.string().optional(),
  terminal: z.boolean().optional(),
  success: z.boolean().optional(),
  refresh_on_back: z.boolean().optional(),
  sensitive: z.array(z.string()).optional(),
  data: ScreenDataSchema.optional(),
  layout: LayoutSchema,
});

export const FlowJsonSchema = z.strictObject({
  version: z.string(),
  data_api_version: z.enum(['3.0', '4.0']).optional(),
  data_channel_uri: z.string().optional(),
  routing_model: RoutingModelSchema.optional(),
  screens: z.array(ScreenSchema).min(1).max(100),
});

export type Screen = z.infer<typeof ScreenSchema>;
export type FlowJson = z.infer<typeof FlowJsonSchema>;
