import { z } from 'zod';

/** Spec C7: the body of `POST /{phone-number-id}/messages`, per message type. */
export const TextMessageSchema = z.object({
  type: z.literal('text'),
  text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
});

const TextObjectSchema = z.object({ text: z.string() }).loose();

export const FlowParametersSchema = z.object({
  flow_message_version: z.string(),
  flow_id: z.string().optional(),
  flow_name: z.string().optional(),
  flow_cta: z.string(),
  flow_token: z.string().optional(),
  mode: z.enum(['published', 'draft']).optional(),
  flow_action: z.enum(['navigate', 'data_exchange']).optional(),
  flow_action_payload: z
    .object({
      screen: z.string().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export type FlowParameters = z.infer<typeof FlowParametersSchema>;

export const InteractiveFlowMessageSchema = z.object({
  type: z.literal('interactive'),
  interactive: z.object({
    type: z.literal('flow'),
    header: z.object({ type: z.literal('text'), text: z.string().max(60) }).optional(),
    body: TextObjectSchema.extend({ text: z.string().min(1).max(1024) }),
    footer: TextObjectSchema.extend({ text: z.string().max(60) }).optional(),
    action: z.object({ name: z.literal('flow'), parameters: FlowParametersSchema }),
  }),
});

const FlowButtonParameterSchema = z.object({
  type: z.literal('action'),
  action: z.object({
    flow_token: z.string().optional(),
    flow_action_data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const TemplateMessageSchema = z.object({
  type: z.literal('template'),
  template: z.object({
    name: z.string().min(1),
    language: z.object({ code: z.string().min(1) }),
    components: z
      .array(
        z.union([
          z.object({
            type: z.literal('button'),
            sub_type: z.literal('flow'),
            index: z.union([z.string(), z.number()]),
            parameters: z.array(FlowButtonParameterSchema).length(1),
          }),
          z.object({ type: z.string() }).loose(),
        ]),
      )
      .optional(),
  }),
});

export const ReadReceiptSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
});

export const MessageEnvelopeSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual').optional(),
  to: z.string().min(1),
  type: z.string().default('text'),
});
