import { RuntimeError } from '../../errors';
import type { JsonObject } from '../../json';
import type { StepContext, StepOutcome } from '../context';
import { mapIn, renderIn } from '../context';
import type { OutgoingMessageSpec, SendMessageNode } from './schema';

/** A message rendered for one customer, ready for the server to build and queue. */
export type OutgoingMessage =
  | { kind: 'text'; body: string; previewUrl: boolean }
  | {
      kind: 'flow';
      flowId: string;
      cta: string;
      body: string;
      header?: string;
      footer?: string;
      entryScreen?: string;
      data?: JsonObject;
      mode: 'published' | 'draft';
    }
  | {
      kind: 'template';
      name: string;
      language: string;
      flowId: string;
      buttonIndex: number;
      bodyParameters: string[];
      flowActionData?: JsonObject;
    };

export function executeSendMessage(node: SendMessageNode, context: StepContext): StepOutcome {
  const server = context.server;
  if (server === undefined) {
    throw new RuntimeError(
      'NODE_FAILED',
      'send_message runs on message and completion events; the data endpoint cannot send messages',
      { nodeId: node.id },
    );
  }
  const message = render(node.message, context);
  server.effects.push({ kind: 'send_message', nodeId: node.id, to: server.customer, message });

  return { kind: 'continue', detail: { kind: message.kind }, values: { message } };
}

function optionalText(context: StepContext, field: string, text: string | undefined) {
  return text === undefined ? {} : { [field]: renderIn(context, `message.${field}`, text) };
}

function render(spec: OutgoingMessageSpec, context: StepContext): OutgoingMessage {
  switch (spec.kind) {
    case 'text':
      return {
        kind: 'text',
        body: renderIn(context, 'message.body', spec.body),
        previewUrl: spec.previewUrl ?? false,
      };
    case 'flow':
      return {
        kind: 'flow',
        flowId: spec.flowId,
        cta: renderIn(context, 'message.cta', spec.cta),
        body: renderIn(context, 'message.body', spec.body),
        ...optionalText(context, 'header', spec.header),
        ...optionalText(context, 'footer', spec.footer),
        ...(spec.entryScreen === undefined ? {} : { entryScreen: spec.entryScreen }),
        ...(spec.data === undefined ? {} : { data: mapIn(context, 'message.data', spec.data) }),
        mode: spec.mode ?? 'published',
      };
    case 'template':
      return {
        kind: 'template',
        name: spec.name,
        language: spec.language,
        flowId: spec.flowId,
        buttonIndex: spec.buttonIndex ?? 0,
        bodyParameters: (spec.bodyParameters ?? []).map((text, index) =>
          renderIn(context, `message.bodyParameters.${index}`, text),
        ),
        ...(spec.flowActionData === undefined
          ? {}
          : { flowActionData: mapIn(context, 'message.flowActionData', spec.flowActionData) }),
      };
  }
}
