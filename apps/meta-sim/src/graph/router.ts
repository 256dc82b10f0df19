import express from 'express';
import type { Router } from 'express';

import type { SimContext } from '../context';
import { kindOf } from './access';
import { getPublicKey, uploadPublicKey } from './encryption';
import { deprecate, listAssets, publish, uploadAsset } from './flow-assets';
import { renderFlowFields, DEFAULT_FLOW_FIELDS } from './flow-fields';
import { createFlow, deleteFlow, listFlows, updateFlow } from './flows';
import { flowOf } from './access';
import { graphErrors } from './graph-error';
import { stringParam } from './graph-request';
import type { GraphRequest } from './graph-request';
import { graphRoute, sendError } from './graph-route';
import type { GraphAnswer } from './graph-route';
import { deleteMedia, describeMedia, uploadMedia } from './media';
import { sendMessage } from './messages';
import { createTemplate } from './templates';

const VERSION = /^v\d+\.0$/;

/** The Graph API under `/v{N}.0/`, every route wrapped with faults and Meta's error bodies. */
export function createGraphRouter(ctx: SimContext): Router {
  const router = express.Router({ mergeParams: true });
  const route = (
    name: Parameters<typeof graphRoute>[1],
    scope: Parameters<typeof graphRoute>[2],
    handler: (request: GraphRequest) => GraphAnswer | Promise<GraphAnswer>,
  ) => graphRoute(ctx, name, scope, handler);

  router.use((req, res, next) => {
    const version = String((req.params as Record<string, string>).version);
    if (!VERSION.test(version)) {
      sendError(res, graphErrors.unknownPath(version));

      return;
    }
    next();
  });
  router.post(
    '/:id/messages',
    route('messages', 'phone', (r) => sendMessage(ctx, r)),
  );
  router.post(
    '/:id/media',
    route('media.upload', 'phone', (r) => uploadMedia(ctx, r)),
  );
  router.post(
    '/:id/whatsapp_business_encryption',
    route('encryption.upload', 'app', (r) => uploadPublicKey(ctx, r)),
  );
  router.get(
    '/:id/whatsapp_business_encryption',
    route('encryption.get', 'app', (r) => getPublicKey(ctx, r)),
  );
  router.post(
    '/:id/flows',
    route('flows.create', 'waba', (r) => createFlow(ctx, r)),
  );
  router.get(
    '/:id/flows',
    route('flows.list', 'waba', (r) => listFlows(ctx, r)),
  );
  router.post(
    '/:id/message_templates',
    route('templates.create', 'waba', (r) => createTemplate(ctx, r)),
  );
  router.post(
    '/:id/assets',
    route('assets.upload', 'waba', (r) => uploadAsset(ctx, r)),
  );
  router.get(
    '/:id/assets',
    route('assets.list', 'waba', (r) => listAssets(ctx, r)),
  );
  router.post(
    '/:id/publish',
    route('flow.publish', 'waba', (r) => publish(ctx, r)),
  );
  router.post(
    '/:id/deprecate',
    route('flow.deprecate', 'waba', (r) => deprecate(ctx, r)),
  );
  router.post(
    '/:id',
    route('flow.update', 'waba', (r) => updateFlow(ctx, r)),
  );
  router.get(
    '/:id',
    route('object.get', 'app', (r) => getObject(ctx, r)),
  );
  router.delete(
    '/:id',
    route('object.delete', 'app', (r) => deleteObject(ctx, r)),
  );
  router.use((req, res) => sendError(res, graphErrors.unknownPath(req.path)));

  return router;
}

function getObject(ctx: SimContext, request: GraphRequest): GraphAnswer {
  if (kindOf(ctx, request.id) === 'media') {
    return describeMedia(ctx, request);
  }
  const { flow } = flowOf(ctx, request);

  return {
    body: renderFlowFields(ctx, flow, stringParam(request.params, 'fields') ?? DEFAULT_FLOW_FIELDS),
  };
}

function deleteObject(ctx: SimContext, request: GraphRequest): GraphAnswer {
  return kindOf(ctx, request.id) === 'media' ? deleteMedia(ctx, request) : deleteFlow(ctx, request);
}
