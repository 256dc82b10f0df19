import { z } from 'zod';

import { checkBody } from './errors';
import { FlowTokenSchema, RecipientSchema, TEMPLATE_PARAMETER_MAX, boundedText } from './rules';

const BodyComponentSchema = z.strictObject({
  type: z.literal('body'),
  parameters: z
    .array(z.strictObject({ type: z.literal('text'), text: boundedText(TEMPLATE_PARAMETER_MAX) }))
    .min(1),
});

const FlowButtonComponentSchema = z.strictObject({
  type: z.literal('button'),
  sub_type: z.literal('flow'),
  /** The button's position in the template, as a string ("0" to "9"). */
  index: z.string().regex(/^[0-9]$/, 'is the button position as a string, "0" to "9"'),
  parameters: z.tuple([
    z.strictObject({
      type: z.literal('action'),
      action: z.strictObject({
        flow_token: FlowTokenSchema,
        flow_action_data: z.record(z.string(), z.json()).optional(),
      }),
    }),
  ]),
});

export const TemplateMessageSchema = z.strictObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual'),
  to: RecipientSchema,
  type: z.literal('template'),
  template: z.strictObject({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'is a template name (a-z, 0-9 and _)'),
    language: z.strictObject({
      code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'is a language code such as en_US'),
    }),
    components: z.array(z.union([BodyComponentSchema, FlowButtonComponentSchema])),
  }),
});
export type TemplateMessage = z.infer<typeof TemplateMessageSchema>;

export interface FlowTemplateMessageInput {
  to: string;
  /** An approved template that has a FLOW button. */
  name: string;
  language: string;
  bodyParameters?: string[];
  button: {
    index: number;
    flowToken: string;
    /** The entry screen's data, when the button navigates. */
    flowActionData?: Record<string, z.core.util.JSONType>;
  };
}

/** A template message whose FLOW button opens a Flow: the way to start outside the 24 h window. */
export function buildFlowTemplateMessage(input: FlowTemplateMessageInput): TemplateMessage {
  const body = input.bodyParameters ?? [];

  return checkBody(TemplateMessageSchema, {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: input.to,
    type: 'template',
    template: {
      name: input.name,
      language: { code: input.language },
      components: [
        ...(body.length === 0
          ? []
          : [{ type: 'body', parameters: body.map((text) => ({ type: 'text', text })) }]),
        {
          type: 'button',
          sub_type: 'flow',
          index: String(input.button.index),
          parameters: [{ type: 'action', action: actionOf(input.button) }],
        },
      ],
    },
  });
}

function actionOf(button: FlowTemplateMessageInput['button']): Record<string, unknown> {
  return {
    flow_token: button.flowToken,
    ...(button.flowActionData === undefined ? {} : { flow_action_data: button.flowActionData }),
  };
}
