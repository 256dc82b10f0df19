import { createHash } from 'node:crypto';

import type { RequestHandler } from 'express';

import type { SimContext } from '../context';
import { newObjectId, newSecret } from '../ids';
import { businessByPhone } from '../state';
import type { MediaItem } from '../state';
import { mediaOf, phoneNumberOf } from './access';
import { graphErrors } from './graph-error';
import { stringParam } from './graph-request';
import type { GraphRequest } from './graph-request';
import type { GraphAnswer } from './graph-route';

const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/** `POST /{phone-number-id}/media`: multipart `file`, `type` and `messaging_product`. */
export function uploadMedia(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const business = phoneNumberOf(ctx, request);
  if (request.params.messaging_product !== 'whatsapp') {
    throw graphErrors.badParameter(
      'The parameter messaging_product is required and must be "whatsapp".',
    );
  }
  const file = request.files.get('file');
  if (file === undefined) {
    throw graphErrors.badParameter('The parameter file is required (multipart).');
  }
  if (file.bytes.length > MAX_MEDIA_BYTES) {
    throw graphErrors.badParameter('The file is larger than 100 MB.');
  }
  const media: MediaItem = {
    id: newObjectId(),
    phoneNumberId: business.phoneNumberId,
    mimeType: stringParam(request.params, 'type') ?? file.type,
    bytes: file.bytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    downloadToken: newSecret(),
  };
  ctx.state.media.set(media.id, media);

  return { body: { id: media.id } };
}

/** `GET /{media-id}`: where to download it (a URL on the stand-in, bearer token required). */
export function describeMedia(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const media = mediaOf(ctx, request);

  return {
    body: {
      messaging_product: 'whatsapp',
      url: `${ctx.url()}/_media/${media.id}/${media.downloadToken}`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.bytes.length,
      id: media.id,
    },
  };
}

export function deleteMedia(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const media = mediaOf(ctx, request);
  ctx.state.media.delete(media.id);

  return { body: { success: true } };
}

/** The media URL itself: like Meta's, it also wants the business's bearer token. */
export function downloadMedia(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const media = ctx.state.media.get(String(req.params.id));
    const business = media && businessByPhone(ctx.state, media.phoneNumberId);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (media === undefined || media.downloadToken !== req.params.token) {
      res.status(404).end();

      return;
    }
    if (token === undefined || !business?.accessTokens.has(token)) {
      res.status(401).end();

      return;
    }
    res.status(200).type(media.mimeType).send(media.bytes);
  };
}

/** A picked file's encrypted copy on the CDN: like WhatsApp's, the URL alone opens it. */
export function downloadCdnFile(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const cdn = ctx.state.media.get(String(req.params.id))?.cdn;
    if (cdn === undefined || cdn.token !== req.params.token) {
      res.status(404).end();

      return;
    }
    res.status(200).type('application/octet-stream').send(cdn.file);
  };
}
