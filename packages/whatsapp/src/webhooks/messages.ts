import { z } from 'zod';

/**
 * Inbound messages (spec C3, C5). Objects are loose: fields Meta adds later are kept, not
 * dropped. `from` is the customer's number and may be an empty string for a customer who
 * adopted a username; `from_user_id` (a business-scoped user id) is then the one to key on.
 */
const MessageContextSchema = z.looseObject({
  from: z.string().optional(),
  /** The wamid of the business message this one answers, such as the Flow message. */
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
});

export const WebhookErrorSchema = z.looseObject({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});

const messageBase = {
  id: z.string().min(1),
  from: z.string(),
  from_user_id: z.string().optional(),
  timestamp: z.string(),
  context: MessageContextSchema.optional(),
  errors: z.array(WebhookErrorSchema).optional(),
};

const MediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

/** A Flow completion: `response_json` is a string holding JSON (spec E2), with no Flow id. */
export const NfmReplySchema = z.looseObject({
  name: z.string(),
  body: z.string().optional(),
  response_json: z.string(),
});

const InteractiveSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('nfm_reply'), nfm_reply: NfmReplySchema }),
  z.looseObject({
    type: z.literal('button_reply'),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }),
  }),
  z.looseObject({
    type: z.literal('list_reply'),
    list_reply: z.looseObject({
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
    }),
  }),
]);

const media = <T extends string>(type: T) =>
  z.looseObject({ ...messageBase, type: z.literal(type), [type]: MediaSchema }) as z.ZodObject<
    typeof messageBase & { type: z.ZodLiteral<T> } & Record<T, typeof MediaSchema>,
    z.core.$loose
  >;

const KNOWN_MESSAGE_SCHEMAS = [
  z.looseObject({
    ...messageBase,
    type: z.literal('text'),
    text: z.looseObject({ body: z.string() }),
  }),
  z.looseObject({ ...messageBase, type: z.literal('interactive'), interactive: InteractiveSchema }),
  z.looseObject({
    ...messageBase,
    type: z.literal('button'),
    button: z.looseObject({ payload: z.string().optional(), text: z.string() }),
  }),
  media('image'),
  media('audio'),
  media('video'),
  media('document'),
  media('sticker'),
  z.looseObject({
    ...messageBase,
    type: z.literal('location'),
    location: z.looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    }),
  }),
  z.looseObject({
    ...messageBase,
    type: z.literal('reaction'),
    reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }),
  }),
  z.looseObject({ ...messageBase, type: z.literal('contacts'), contacts: z.array(z.unknown()) }),
  z.looseObject({ ...messageBase, type: z.literal('order'), order: z.looseObject({}) }),
  z.looseObject({ ...messageBase, type: z.literal('system'), system: z.looseObject({}) }),
] as const;

/**
 * A message this product does not read: Meta's own `unsupported` type, a type added after this
 * schema, or a known type whose body did not have the expected shape. `original_type` names the
 * type as received and `problem` says what did not parse.
 */
export const UnsupportedMessageSchema = z.looseObject({
  ...messageBase,
  type: z.literal('unsupported'),
  original_type: z.string().optional(),
  problem: z.string().optional(),
});

const KnownMessageSchema = z.discriminatedUnion('type', KNOWN_MESSAGE_SCHEMAS);
const MessageBaseSchema = z.looseObject({ ...messageBase, type: z.string().optional() });

export type WebhookMessage =
  z.infer<typeof KnownMessageSchema> | z.infer<typeof UnsupportedMessageSchema>;
export type NfmReply = z.infer<typeof NfmReplySchema>;
export type WebhookError = z.infer<typeof WebhookErrorSchema>;

/**
 * Never fails for a message that has an id, a sender and a timestamp: anything else about it
 * that does not match is kept as an `unsupported` message. Without those three the message
 * cannot be handled or deduplicated, and the answer is the problem.
 */
export const WebhookMessageSchema = z.unknown().transform((input, context): WebhookMessage => {
  const known = KnownMessageSchema.safeParse(input);
  if (known.success) {
    return known.data;
  }
  const base = MessageBaseSchema.safeParse(input);
  if (!base.success) {
    base.error.issues.forEach((issue) => context.addIssue({ ...issue, input: undefined }));

    return z.NEVER;
  }
  const { type, ...rest } = base.data;
  const isUnknownType = type === undefined || !KNOWN_TYPES.has(type);

  return {
    ...rest,
    type: 'unsupported',
    ...(type === undefined || type === 'unsupported' ? {} : { original_type: type }),
    ...(isUnknownType ? {} : { problem: describeIssues(known.error) }),
  };
});

const KNOWN_TYPES = new Set<string>(KNOWN_MESSAGE_SCHEMAS.map((schema) => schema.shape.type.value));

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
}

/** The answers of a Flow completion, and the flow token when the Flow message carried one. */
export type FlowResponse =
  | { ok: true; flowToken: string | undefined; response: Record<string, unknown> }
  | { ok: false; problem: string };

export function readFlowResponse(reply: NfmReply): FlowResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.response_json);
  } catch {
    return { ok: false, problem: 'response_json is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, problem: 'response_json is not a JSON object' };
  }
  const response = parsed as Record<string, unknown>;
  const token = response['flow_token'];

  return { ok: true, flowToken: typeof token === 'string' ? token : undefined, response };
}
