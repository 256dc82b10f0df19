import { z } from 'zod';

/**
 * Shapes other packages read out of a Flow JSON document. They are loose: unknown keys pass
 * through untouched, because the document is kept exactly as its author wrote it.
 */
export const NavigateActionSchema = z.looseObject({
  name: z.literal('navigate'),
  next: z.looseObject({ type: z.literal('screen'), name: z.string() }),
  payload: z.unknown().optional(),
});

export type NavigateAction = z.infer<typeof NavigateActionSchema>;

/** `routing_model`: for each screen id, the screens it can lead to (spec A8). */
export const RoutingModelSchema = z.record(z.string(), z.array(z.string()));

export type RoutingModel = z.infer<typeof RoutingModelSchema>;
