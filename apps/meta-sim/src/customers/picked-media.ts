import { createHash } from 'node:crypto';

import type { PickedMedia } from '@sanjay-flow/flow-player';
import { encryptMedia } from '@sanjay-flow/whatsapp';

import type { SimContext } from '../context';
import { SimControlError } from '../control/control-error';
import { newObjectId, newSecret } from '../ids';
import { businessByPhone } from '../state';

/** Meta's limit for one picked file (`max-file-size-kb` at most 25600, spec A5). */
const MAX_PICKED_BYTES = 25_600 * 1024;

export interface PickMediaInput {
  /** The business number the customer is filling in a Flow for: its tokens download the file. */
  phoneNumberId: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/**
 * A file a customer picks in a PhotoPicker or DocumentPicker. WhatsApp uploads it twice over:
 * as media the business downloads like any it received (`GET /{media-id}`, then the URL with
 * its token), named so in the completion; and encrypted with fresh keys on the CDN
 * (`/_cdn/...`, no token), described with its `cdn_url` and `encryption_metadata` when a
 * screen sends it to the data endpoint (spec B7). The answer is what to give as the picker's
 * answer to `completeFlow`.
 */
export function pickMedia(ctx: SimContext, input: PickMediaInput): PickedMedia {
  if (businessByPhone(ctx.state, input.phoneNumberId) === undefined) {
    throw new SimControlError(404, `No business has the number ${input.phoneNumberId}.`);
  }
  if (input.bytes.length > MAX_PICKED_BYTES) {
    throw new SimControlError(400, 'A picked file is at most 25600 KB.');
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const id = newObjectId();
  const encrypted = encryptMedia(input.bytes);
  const cdn = { file: encrypted.cdnFile, token: newSecret() };
  ctx.state.media.set(id, {
    id,
    phoneNumberId: input.phoneNumberId,
    mimeType: input.mimeType,
    bytes: input.bytes,
    sha256,
    downloadToken: newSecret(),
    cdn,
  });

  return {
    id,
    file_name: input.fileName,
    mime_type: input.mimeType,
    size_kb: Math.ceil(input.bytes.length / 1024),
    sha256,
    cdn_url: `${ctx.url()}/_cdn/${id}/${cdn.token}`,
    encryption_metadata: encrypted.metadata,
  };
}
