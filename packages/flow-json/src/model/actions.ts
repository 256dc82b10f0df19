import { z } from 'zod';

import { FreeObjectSchema, dynamicOr } from './common';

/** Spec A7. Payload values are literals or dynamic values; the data-flow rules check them. */
export const NavigateActionModel = z.strictObject({
  name: z.literal('navigate'),
  next: z.strictObject({ type: z.literal('screen'), name: z.string().min(1) }),
  payload: FreeObjectSchema.optional(),
});

export const CompleteActionModel = z.strictObject({
  name: z.literal('complete'),
  payload: FreeObjectSchema.optional(),
});

export const DataExchangeActionModel = z.strictObject({
  name: z.literal('data_exchange'),
  payload: FreeObjectSchema.optional(),
});

/** 6.0+: changes the current screen's data on the phone, without calling the endpoint. */
export const UpdateDataActionModel = z.strictObject({
  name: z.literal('update_data'),
  payload: FreeObjectSchema,
});

/** 6.0+: opens the system browser. */
export const OpenUrlActionModel = z.strictObject({
  name: z.literal('open_url'),
  url: dynamicOr(z.url({ protocol: /^https?$/ })),
});

export const ACTION_MODELS = {
  navigate: NavigateActionModel,
  complete: CompleteActionModel,
  data_exchange: DataExchangeActionModel,
  update_data: UpdateDataActionModel,
  open_url: OpenUrlActionModel,
} as const;

export type ActionName = keyof typeof ACTION_MODELS;

export const ActionModel = z.discriminatedUnion('name', [
  NavigateActionModel,
  CompleteActionModel,
  DataExchangeActionModel,
  UpdateDataActionModel,
  OpenUrlActionModel,
]);

export type Action = z.infer<typeof ActionModel>;
export type NavigateActionModelType = z.infer<typeof NavigateActionModel>;

/** The first version that has each action. */
export const ACTION_SINCE: Record<ActionName, string> = {
  navigate: '2.1',
  complete: '2.1',
  data_exchange: '2.1',
  update_data: '6.0',
  open_url: '6.0',
};

/** An action property that takes only some actions (e.g. Footer: navigate, data_exchange, complete). */
export function actionOf<const Names extends readonly [ActionName, ...ActionName[]]>(names: Names) {
  const [first, ...rest] = names.map((name) => ACTION_MODELS[name]);

  return z.discriminatedUnion('name', [first as (typeof ACTION_MODELS)[ActionName], ...rest]);
}
