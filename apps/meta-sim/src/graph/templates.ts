import { z } from 'zod';

import type { SimContext } from '../context';
import { newObjectId } from '../ids';
import { wabaOf } from './access';
import { findFlow } from './flow-send-rules';
import { graphErrors } from './graph-error';
import type { GraphRequest } from './graph-request';
import type { GraphAnswer } from './graph-route';

const FlowButtonSchema = z.object({
  type: z.literal('FLOW'),
  text: z.string().min(1).max(25),
  flow_id: z.string().optional(),
  flow_name: z.string().optional(),
  flow_action: z.enum(['navigate', 'data_exchange']).optional(),
  navigate_screen: z.string().optional(),
});

const TemplateSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, { error: 'lower-case letters, digits and _' }),
  language: z.string().min(2),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  components: z.array(
    z.union([
      z.object({ type: z.literal('BUTTONS'), buttons: z.array(FlowButtonSchema).min(1) }),
      z.object({ type: z.string() }).loose(),
    ]),
  ),
});

export type FlowButton = z.infer<typeof FlowButtonSchema>;

/**
 * `POST /{waba-id}/message_templates`, enough for Flow buttons (spec C7). The stand-in approves
 * templates at once; `flow_json` buttons are not supported.
 */
export function createTemplate(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const business = wabaOf(ctx, request);
  const parsed = TemplateSchema.safeParse(request.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw graphErrors.badParameter(
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  for (const button of flowButtons(parsed.data.components)) {
    if ((button.flow_id === undefined) === (button.flow_name === undefined)) {
      throw graphErrors.badParameter('A FLOW button names exactly one of flow_id and flow_name.');
    }
    findFlow(ctx, business, button);
  }
  const id = newObjectId();
  ctx.state.templates.set(id, {
    id,
    wabaId: business.wabaId,
    name: parsed.data.name,
    language: parsed.data.language,
    components: parsed.data.components,
  });

  return { body: { id, status: 'APPROVED', category: parsed.data.category } };
}

export function flowButtons(components: readonly unknown[]): FlowButton[] {
  return components.flatMap((component) => {
    const buttons = (component as { type?: unknown; buttons?: unknown }).buttons;
    if (!Array.isArray(buttons)) {
      return [];
    }

    return buttons.flatMap((button) => {
      const parsed = FlowButtonSchema.safeParse(button);

      return parsed.success ? [parsed.data] : [];
    });
  });
}
