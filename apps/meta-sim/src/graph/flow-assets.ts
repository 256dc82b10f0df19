import type { RequestHandler } from 'express';

import type { SimContext } from '../context';
import { checkEditable, moveFlow, storeFlowJson } from '../flows/lifecycle';
import { flowOf } from './access';
import { publishFlow } from './flow-publish';
import { graphErrors } from './graph-error';
import { stringParam } from './graph-request';
import type { GraphRequest } from './graph-request';
import type { GraphAnswer } from './graph-route';

const MAX_ASSET_BYTES = 10 * 1024 * 1024;

/** `POST /{flow-id}/assets`: multipart `file`, `name=flow.json`, `asset_type=FLOW_JSON`. */
export function uploadAsset(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const { flow, business } = flowOf(ctx, request);
  if (stringParam(request.params, 'asset_type') !== 'FLOW_JSON') {
    throw graphErrors.badParameter('asset_type: must be FLOW_JSON.');
  }
  if (stringParam(request.params, 'name') !== 'flow.json') {
    throw graphErrors.badParameter('name: must be flow.json.');
  }
  const file = request.files.get('file');
  if (file === undefined) {
    throw graphErrors.badParameter('The parameter file is required (multipart, the Flow JSON).');
  }
  if (file.bytes.length > MAX_ASSET_BYTES) {
    throw graphErrors.badParameter('file: the Flow JSON is larger than 10 MB.');
  }
  if (flow.status === 'DEPRECATED') {
    throw graphErrors.flowState(
      139_001,
      'Error while updating the Flow',
      'A deprecated Flow cannot be updated.',
    );
  }
  checkEditable(flow);
  storeFlowJson(ctx, business, flow, file.bytes.toString('utf8'));

  return { body: { success: true, validation_errors: flow.validationErrors } };
}

/** `GET /{flow-id}/assets`: the current Flow JSON, downloadable from the stand-in. */
export function listAssets(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const { flow } = flowOf(ctx, request);
  const asset = flow.asset;

  return {
    body: {
      data:
        asset === undefined
          ? []
          : [
              {
                name: 'flow.json',
                asset_type: 'FLOW_JSON',
                download_url: `${ctx.url()}/_assets/${flow.id}/${asset.version}/${flow.previewToken}`,
              },
            ],
      paging: { cursors: { before: 'MAZDZD', after: 'MAZDZD' } },
    },
  };
}

export async function publish(ctx: SimContext, request: GraphRequest): Promise<GraphAnswer> {
  const { flow, business } = flowOf(ctx, request);
  await publishFlow(ctx, business, flow);

  return { body: { success: true } };
}

/** `POST /{flow-id}/deprecate`: irreversible; only for a Flow that has been published. */
export function deprecate(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const { flow, business } = flowOf(ctx, request);
  if (flow.status === 'DEPRECATED' || flow.published === undefined) {
    throw graphErrors.flowState(
      139_003,
      'Can not deprecate Flow',
      `Flow ${flow.id} is ${flow.status === 'DEPRECATED' ? 'already deprecated' : 'not published'}.`,
    );
  }
  moveFlow(ctx, business, flow, 'DEPRECATED');

  return { body: { success: true } };
}

/**
 * The asset's download URL. Like Meta's CDN links it needs no token, only the unguessable
 * part of the URL; an old version's link keeps serving the text of that version only.
 */
export function downloadAsset(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const flow = ctx.state.flows.get(String(req.params.flowId));
    const asset = flow?.asset;
    if (
      flow === undefined ||
      asset === undefined ||
      flow.previewToken !== req.params.token ||
      String(asset.version) !== req.params.version
    ) {
      res.status(404).end();

      return;
    }
    res.status(200).type('application/json').send(asset.text);
  };
}
