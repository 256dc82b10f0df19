import { isJsonObject } from '@sanjay-flow/flow-json';
import type { JsonObject } from '@sanjay-flow/flow-json';

import type { SimContext } from '../context';
import { flowButtons } from '../graph/templates';
import type { SentMessage } from '../state';

/** How a received Flow message opens its Flow: the parameters of spec C7, defaults applied. */
export interface FlowOpening {
  flowId: string | undefined;
  flowName: string | undefined;
  mode: 'published' | 'draft';
  flowToken: string;
  flowAction: 'navigate' | 'data_exchange';
  screen: string | undefined;
  data: JsonObject | undefined;
}

/** Reads the opening from an interactive Flow message or a template with a FLOW button. */
export function flowOpeningOf(ctx: SimContext, message: SentMessage): FlowOpening | undefined {
  const interactive = message.payload.interactive;
  if (isJsonObject(interactive) && interactive.type === 'flow') {
    const action = isJsonObject(interactive.action) ? interactive.action : {};
    const params = isJsonObject(action.parameters) ? action.parameters : {};
    const payload = isJsonObject(params.flow_action_payload) ? params.flow_action_payload : {};

    return {
      flowId: text(params.flow_id),
      flowName: text(params.flow_name),
      mode: params.mode === 'draft' ? 'draft' : 'published',
      flowToken: text(params.flow_token) ?? 'unused',
      flowAction: params.flow_action === 'data_exchange' ? 'data_exchange' : 'navigate',
      screen: text(payload.screen),
      data: isJsonObject(payload.data) ? payload.data : undefined,
    };
  }

  return templateOpening(ctx, message);
}

function templateOpening(ctx: SimContext, message: SentMessage): FlowOpening | undefined {
  const template = isJsonObject(message.payload.template) ? message.payload.template : undefined;
  const language = isJsonObject(template?.language) ? template.language.code : undefined;
  const stored = [...ctx.state.templates.values()].find(
    (t) => t.name === template?.name && t.language === language,
  );
  const button = stored === undefined ? undefined : flowButtons(stored.components)[0];
  if (button === undefined) {
    return undefined;
  }
  const component = (Array.isArray(template?.components) ? template.components : [])
    .filter(isJsonObject)
    .find((c) => c.sub_type === 'flow');
  const parameters: unknown[] = Array.isArray(component?.parameters) ? component.parameters : [];
  const parameter = parameters[0];
  const action = isJsonObject(parameter) && isJsonObject(parameter.action) ? parameter.action : {};

  return {
    flowId: button.flow_id,
    flowName: button.flow_name,
    mode: 'published',
    flowToken: text(action.flow_token) ?? 'unused',
    flowAction: button.flow_action ?? 'navigate',
    screen: button.navigate_screen,
    data: isJsonObject(action.flow_action_data) ? action.flow_action_data : undefined,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
