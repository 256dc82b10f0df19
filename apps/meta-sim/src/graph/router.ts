import express from 'express';
import type { Router } from 'express';

import type { SimContext } from '../context';
import { flowOf, kindOf } from './access';
import { getPublicKey, uploadPublicKey } from './encryption';
import type { GraphRoute } from './faults';
import { deprecate, listAssets, publish, uploadAsset } from './flow-assets';
import { DEFAULT_FLOW_FIELDS, renderFlowFields } from './flow-fields';
import { createFlow, deleteFlow, listFlows, updateFlow } from './flows';
import { graphErrors } from './graph-error';
import type { RateLimitScope } from './graph-error';
import { stringParam } from './graph-request';
import type { GraphRequest } from './graph-request';
import { graphRoute, sendError } from './graph-route';
import type { GraphAnswer } from './graph-route';
import { deleteMedia, describeMedia, uploadMedia } from './media';
import { sendMessage } from './messages';
import { createTemplate } from './templates';

const VERSION = /^v\d+\.0$/;

type Handler = (ctx: SimContext, request: GraphRequest) => GraphAnswer | Promise<GraphAnswer>;

/** Method, path, the route's name for fault injection, whose rate limit applies, handler. */
const ROUTES: readonly ['get' | 'post' | 'delete', string, GraphRoute, RateLimitScope, Handler][] =
  [
    ['post', '/:id/messages', 'messages', 'phone', sendMessage],
    ['post', '/:id/media', 'media.upload', 'phone', uploadMedia],
    ['post', '/:id/whatsapp_business_encryption', 'encryption.upload', 'app', uploadPublicKey],
    ['get', '/:id/whatsapp_business_encryption', 'encryption.get', 'app', getPublicKey],
    ['post', '/:id/flows', 'flows.create', 'waba', createFlow],
    ['get', '/:id/flows', 'flows.list', 'waba', listFlows],
    ['post', '/:id/message_templates', 'templates.create', 'waba', createTemplate],
    ['post', '/:id/assets', 'assets.upload', 'waba', uploadAsset],
    ['get', '/:id/assets', 'assets.list', 'waba', listAssets],
    ['post', '/:id/publish', 'flow.publish', 'waba', publish],
    ['post', '/:id/deprecate', 'flow.deprecate', 'waba', deprecate],
    ['post', '/:id', 'flow.update', 'waba', updateFlow],
    ['get', '/:id', 'object.get', 'app', getObject],
    ['delete', '/:id', 'object.delete', 'app', deleteObject],
  ];

/** The Graph API under `/v{N}.0/`, every route wrapped with faults and Meta's error bodies. */
export function createGraphRouter(ctx: SimContext): Router {
  const router = express.Router({ mergeParams: true });
  router.use((req, res, next) => {
    const version = String((req.params as Record<string, string>).version);
    if (!VERSION.test(version)) {
      sendError(res, graphErrors.unknownPath(version));

      return;
    }
    next();
  });
  for (const [method, path, name, scope, handler] of ROUTES) {
    router[method](
      path,
      graphRoute(ctx, name, scope, (request) => handler(ctx, request)),
    );
  }
  router.use((req, res) => sendError(res, graphErrors.unknownPath(req.path)));

  return router;
}

/** `GET /{id}` names a media item or a Flow (read with `fields`). */
function getObject(ctx: SimContext, request: GraphRequest): GraphAnswer {
  if (kindOf(ctx, request.id) === 'media') {
    return describeMedia(ctx, request);
  }
  const { flow } = flowOf(ctx, request);
  const fields = stringParam(request.params, 'fields') ?? DEFAULT_FLOW_FIELDS;

  return { body: renderFlowFields(ctx, flow, fields) };
}

function deleteObject(ctx: SimContext, request: GraphRequest): GraphAnswer {
  return kindOf(ctx, request.id) === 'media' ? deleteMedia(ctx, request) : deleteFlow(ctx, request);
}
