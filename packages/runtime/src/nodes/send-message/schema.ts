import { z } from 'zod';

import { MappingSchema, NodeBaseSchema } from '../context';
import type { ExpressionSite } from '../sites';
import { STEP_ROOTS, mappingSites } from '../sites';

/** Texts are templates (`Hello {{ payload.name }}`); `data` and `flowActionData` map expressions. */
export const OutgoingMessageSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    body: z.string().min(1),
    previewUrl: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('flow'),
    /** The product's Flow to send; the server snapshots its current version. */
    flowId: z.string().min(1),
    cta: z.string().min(1),
    body: z.string().min(1),
    header: z.string().min(1).optional(),
    footer: z.string().min(1).optional(),
    /** The entry screen; the Flow's first screen when absent. */
    entryScreen: z.string().min(1).optional(),
    data: MappingSchema.optional(),
    mode: z.enum(['published', 'draft']).optional(),
  }),
  z.object({
    kind: z.literal('template'),
    /** An approved template with a FLOW button that opens `flowId`. */
    name: z.string().min(1),
    language: z.string().min(1),
    flowId: z.string().min(1),
    buttonIndex: z.number().int().min(0).max(9).optional(),
    bodyParameters: z.array(z.string()).max(20).optional(),
    flowActionData: MappingSchema.optional(),
  }),
]);
export type OutgoingMessageSpec = z.infer<typeof OutgoingMessageSpecSchema>;

/** Hands a message for the customer of the event to the server's outbox, then continues. */
export const SendMessageNodeSchema = NodeBaseSchema.extend({
  type: z.literal('send_message'),
  message: OutgoingMessageSpecSchema,
});
export type SendMessageNode = z.infer<typeof SendMessageNodeSchema>;

export function defaultSendMessageNode(id: string): SendMessageNode {
  return { id, type: 'send_message', message: { kind: 'text', body: 'Thank you!' } };
}

function templateSite(field: string, text: string | undefined): ExpressionSite[] {
  return text === undefined ? [] : [{ field, text, kind: 'template', roots: STEP_ROOTS }];
}

export function sendMessageSites(node: SendMessageNode): ExpressionSite[] {
  const message = node.message;
  switch (message.kind) {
    case 'text':
      return templateSite('message.body', message.body);
    case 'flow':
      return [
        ...templateSite('message.cta', message.cta),
        ...templateSite('message.body', message.body),
        ...templateSite('message.header', message.header),
        ...templateSite('message.footer', message.footer),
        ...mappingSites('message.data', message.data ?? {}),
      ];
    case 'template':
      return [
        ...(message.bodyParameters ?? []).flatMap((text, index) =>
          templateSite(`message.bodyParameters.${index}`, text),
        ),
        ...mappingSites('message.flowActionData', message.flowActionData ?? {}),
      ];
  }
}
