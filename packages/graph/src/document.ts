import { LogicNodeSchema, ProgramEdgeSchema } from '@sanjay-flow/runtime';
import { z } from 'zod';

/** The schema version this code writes. Older documents are upgraded on read (see upgrade.ts). */
export const CURRENT_SCHEMA_VERSION = 1;

export const PositionSchema = z.object({ x: z.number(), y: z.number() });

/** A screen of the Flow, kept exactly as in Flow JSON (unknown properties included). */
export const ScreenNodeSchema = z.object({
  kind: z.literal('screen'),
  /** The node's own id; equals the screen id on import. */
  id: z.string().min(1),
  position: PositionSchema,
  screen: z.record(z.string(), z.unknown()),
});

/** Every kind of node on the canvas. Logic nodes join this union as they are built. */
export const GraphNodeSchema = z.discriminatedUnion('kind', [ScreenNodeSchema]);

/**
 * The server-side logic the runtime executes: its nodes and edges in the runtime's own format,
 * and where each node sits on the canvas. Flow JSON compilation ignores it.
 */
export const GraphLogicSchema = z.object({
  nodes: z.array(LogicNodeSchema),
  edges: z.array(ProgramEdgeSchema),
  positions: z.record(z.string(), PositionSchema),
});

export const GraphDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  /** Every top-level Flow JSON property except `screens`, as given, in the given order. */
  flow: z.record(z.string(), z.unknown()),
  nodes: z.array(GraphNodeSchema),
  logic: GraphLogicSchema.optional(),
});

export type Position = z.infer<typeof PositionSchema>;
export type ScreenNode = z.infer<typeof ScreenNodeSchema>;
export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphDocument = z.infer<typeof GraphDocumentSchema>;
export type GraphLogic = z.infer<typeof GraphLogicSchema>;

export function screenNodes(doc: GraphDocument): ScreenNode[] {
  return doc.nodes.filter((node): node is ScreenNode => node.kind === 'screen');
}
