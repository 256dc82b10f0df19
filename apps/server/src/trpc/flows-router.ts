import { compileGraph, importFlowJson, upgradeGraphDocument } from '@sanjay-flow/graph';
import { z } from 'zod';

import { blankFlowJson } from '../flows/blank-flow';
import { createFromTemplate } from '../flows/create-from-template';
import { duplicateFlow } from '../flows/duplicate-flow';
import { exportFlow } from '../flows/export-flow';
import { FileNameSchema, FlowNameSchema } from '../flows/flow-name';
import { importFlow } from '../flows/import-flow';
import { asJson } from '../flows/json';
import { flowNotFound, saveFlow } from '../flows/save-flow';
import { FLOW_TEMPLATES, TEMPLATE_IDS } from '../flows/templates/templates';
import { editorProcedure, procedure, router } from './trpc';

const FlowId = z.object({ id: z.uuid({ error: 'not a Flow id' }) });

export const flowsRouter = router({
  list: procedure.query(async ({ ctx }) => {
    const flows = await ctx.flows.list(ctx.workspaceId);

    return flows.map(({ id, name, revision, screenCount, updatedAt }) => ({
      id,
      name,
      revision,
      screenCount,
      updatedAt,
    }));
  }),

  get: procedure.input(FlowId).query(async ({ ctx, input }) => {
    const flow = await ctx.flows.get(ctx.workspaceId, input.id);
    if (!flow) {
      throw flowNotFound();
    }
    const { id, name, revision, updatedAt } = flow;

    return { id, name, revision, updatedAt, graph: upgradeGraphDocument(flow.graph) };
  }),

  create: editorProcedure
    .input(z.object({ name: FlowNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const graph = await importFlowJson(blankFlowJson());
      const { flowJson, contentHash } = compileGraph(graph);
      const flow = await ctx.flows.create(ctx.workspaceId, {
        name: input.name,
        graph: asJson(graph),
        version: { label: 'Created', flowJson: asJson(flowJson), contentHash },
      });

      return { id: flow.id };
    }),

  rename: editorProcedure
    .input(FlowId.extend({ name: FlowNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const flow = await ctx.flows.rename(ctx.workspaceId, input.id, input.name);
      if (!flow) {
        throw flowNotFound();
      }

      return { id: flow.id, name: flow.name };
    }),

  delete: editorProcedure.input(FlowId).mutation(async ({ ctx, input }) => {
    if (!(await ctx.flows.remove(ctx.workspaceId, input.id))) {
      throw flowNotFound();
    }

    return { id: input.id };
  }),

  save: editorProcedure
    .input(FlowId.extend({ expectedRevision: z.number().int().min(1), graph: z.unknown() }))
    .mutation(({ ctx, input }) => saveFlow(ctx.flows, ctx.workspaceId, input)),

  import: editorProcedure
    .input(
      z.object({
        fileName: FileNameSchema,
        text: z.string(),
        name: FlowNameSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => importFlow(ctx.flows, ctx.workspaceId, input)),

  export: procedure
    .input(FlowId)
    .query(({ ctx, input }) => exportFlow(ctx.flows, ctx.workspaceId, input.id)),

  /** The gallery a new Flow can start from, without the documents. */
  templates: procedure.query(() =>
    FLOW_TEMPLATES.map(({ id, name, description, usesEndpoint, screenCount }) => ({
      id,
      name,
      description,
      usesEndpoint,
      screenCount,
    })),
  ),

  createFromTemplate: editorProcedure
    .input(
      z.object({
        templateId: z.enum(TEMPLATE_IDS as [string, ...string[]], { error: 'not a template' }),
        name: FlowNameSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => createFromTemplate(ctx.flows, ctx.workspaceId, input)),

  duplicate: editorProcedure
    .input(FlowId.extend({ name: FlowNameSchema.optional() }))
    .mutation(({ ctx, input }) => duplicateFlow(ctx.flows, ctx.workspaceId, input)),
});
