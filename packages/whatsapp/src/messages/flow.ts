import { z } from 'zod';

import { checkBody } from './errors';
import {
  BODY_TEXT_MAX,
  FOOTER_TEXT_MAX,
  FlowCtaSchema,
  FlowTokenSchema,
  HEADER_TEXT_MAX,
  MetaIdSchema,
  NonEmptyDataSchema,
  RecipientSchema,
  boundedText,
} from './rules';

const FlowParametersSchema = z
  .strictObject({
    flow_message_version: z.literal('3'),
    flow_id: MetaIdSchema.optional(),
    flow_name: z.string().min(1).optional(),
    flow_cta: FlowCtaSchema,
    flow_token: FlowTokenSchema,
    mode: z.enum(['published', 'draft']).optional(),
    flow_action: z.enum(['navigate', 'data_exchange']),
    flow_action_payload: z
      .strictObject({
        screen: z.string().regex(/^[A-Za-z_]+$/, 'is a screen id (letters and _)'),
        data: NonEmptyDataSchema.optional(),
      })
      .optional(),
  })
  .superRefine((parameters, context) => {
    if ((parameters.flow_id === undefined) === (parameters.flow_name === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['flow_id'],
        message: 'give exactly one of flow_id and flow_name',
      });
    }
    if (parameters.flow_action === 'data_exchange' && parameters.flow_action_payload) {
      context.addIssue({
        code: 'custom',
        path: ['flow_action_payload'],
        message: 'is only allowed with flow_action navigate',
      });
    }
  });

export const FlowMessageSchema = z.strictObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual'),
  to: RecipientSchema,
  type: z.literal('interactive'),
  interactive: z.strictObject({
    type: z.literal('flow'),
    header: z
      .strictObject({ type: z.literal('text'), text: boundedText(HEADER_TEXT_MAX) })
      .optional(),
    body: z.strictObject({ text: boundedText(BODY_TEXT_MAX) }),
    footer: z.strictObject({ text: boundedText(FOOTER_TEXT_MAX) }).optional(),
    action: z.strictObject({ name: z.literal('flow'), parameters: FlowParametersSchema }),
  }),
});
export type FlowMessage = z.infer<typeof FlowMessageSchema>;

/** Opens the Flow at a screen (with its data), or asks the endpoint for the first screen. */
export type FlowAction =
  | { kind: 'navigate'; screen?: string; data?: Record<string, z.core.util.JSONType> }
  | { kind: 'data_exchange' };

export interface FlowMessageInput {
  to: string;
  /** Meta's Flow id (a string of digits) or, on the Cloud API only, the Flow's name. */
  flow: { id: string } | { name: string };
  flowToken: string;
  cta: string;
  body: string;
  header?: string;
  footer?: string;
  action?: FlowAction;
  /** `draft` sends the Flow's unpublished draft, for testing. */
  mode?: 'published' | 'draft';
}

/** An interactive Flow message (spec C7), inside the 24-hour customer service window. */
export function buildFlowMessage(input: FlowMessageInput): FlowMessage {
  return checkBody(FlowMessageSchema, {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: input.to,
    type: 'interactive',
    interactive: {
      type: 'flow',
      ...(input.header === undefined ? {} : { header: { type: 'text', text: input.header } }),
      body: { text: input.body },
      ...(input.footer === undefined ? {} : { footer: { text: input.footer } }),
      action: { name: 'flow', parameters: parametersOf(input) },
    },
  });
}

function parametersOf(input: FlowMessageInput): Record<string, unknown> {
  const action = input.action ?? { kind: 'navigate' };

  return {
    flow_message_version: '3',
    ...('id' in input.flow ? { flow_id: input.flow.id } : { flow_name: input.flow.name }),
    flow_cta: input.cta,
    flow_token: input.flowToken,
    ...(input.mode === undefined ? {} : { mode: input.mode }),
    flow_action: action.kind,
    ...(action.kind === 'navigate' && action.screen !== undefined
      ? { flow_action_payload: { screen: action.screen, ...dataOf(action.data) } }
      : {}),
  };
}

function dataOf(data: Record<string, unknown> | undefined): Record<string, unknown> {
  return data === undefined ? {} : { data };
}
