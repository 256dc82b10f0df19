import { randomUUID } from 'node:crypto';

import type { SavedSubmissionFile } from '@sanjay-flow/db';
import type { JsonObject, JsonValue } from '@sanjay-flow/runtime';
import { MediaEncryptionMetadataSchema } from '@sanjay-flow/whatsapp';
import { z } from 'zod';

import type { SecretBox } from '../secrets/secret-box';

/**
 * Where a file picked on a screen of the data endpoint is and what opens it (spec B7). Sealed
 * in `submission_file.cdn_source` until the file is stored or has failed.
 */
export const CdnSourceSchema = z.object({
  cdn_url: z.string().min(1),
  encryption_metadata: MediaEncryptionMetadataSchema,
});
export type CdnSource = z.infer<typeof CdnSourceSchema>;

/** A picker's file as the data endpoint receives it: `{media_id, cdn_url, file_name, encryption_metadata}`. */
const EndpointMediaSchema = CdnSourceSchema.extend({
  media_id: z.string().min(1),
  file_name: z.string().optional(),
});

/** A file of a save step's answers, to record and download. */
export interface EndpointMedia {
  field: string;
  mediaId: string;
  fileName: string | null;
  /** The file's SHA-256 in hex, from `plaintext_hash`. */
  sha256: string | null;
  source: CdnSource;
}

/**
 * Takes the picked files out of a save step's answers. What stays in the answers of each file
 * is `{media_id, file_name}`: the CDN URL and the keys are what anyone holding them needs to
 * read the customer's file, so they are not kept in clear beside the answers (which are
 * delivered, exported and shown) but sealed with the file's row, only until it is downloaded.
 * An item that names a media id is stripped of them even when it is not a complete one.
 */
export function takeEndpointMedia(values: JsonObject): {
  answers: JsonObject;
  media: EndpointMedia[];
} {
  const media: EndpointMedia[] = [];
  const entries = Object.entries(values).map(([field, value]): [string, JsonValue] => {
    if (!Array.isArray(value) || !value.some(namesMedia)) {
      return [field, value];
    }
    media.push(...filesOf(field, value));

    return [field, value.map((item) => (namesMedia(item) ? withoutKeys(item) : item))];
  });

  return { answers: Object.fromEntries(entries), media };
}

function filesOf(field: string, items: readonly JsonValue[]): EndpointMedia[] {
  const seen = new Set<string>();

  return items.flatMap((item) => {
    const file = EndpointMediaSchema.safeParse(item);
    if (!file.success || seen.has(file.data.media_id)) {
      return [];
    }
    seen.add(file.data.media_id);

    return [mediaOf(field, file.data)];
  });
}

/** The rows of a save step's files, each with its sealed source bound to the row's id. */
export function sealedFilesOf(
  media: readonly EndpointMedia[],
  secrets: SecretBox,
): SavedSubmissionFile[] {
  return media.map((item) => {
    const id = randomUUID();

    return {
      id,
      field: item.field,
      mediaId: item.mediaId,
      fileName: item.fileName,
      sha256: item.sha256,
      cdnSource: secrets.seal(JSON.stringify(item.source), cdnSourcePurpose(id)),
    };
  });
}

/** An opened `cdn_source`; `null` when the text is not one. */
export function readCdnSource(text: string): CdnSource | null {
  try {
    return CdnSourceSchema.safeParse(JSON.parse(text)).data ?? null;
  } catch {
    return null;
  }
}

/** The purpose a file's sealed CDN source is bound to, like its content's. */
export function cdnSourcePurpose(fileId: string): string {
  return `submission_file/${fileId}/cdn_source`;
}

function namesMedia(item: JsonValue): item is JsonObject {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && 'media_id' in item;
}

function withoutKeys(item: JsonObject): JsonObject {
  const { cdn_url: _url, encryption_metadata: _keys, ...kept } = item;

  return kept;
}

function mediaOf(field: string, item: z.infer<typeof EndpointMediaSchema>): EndpointMedia {
  const hash = Buffer.from(item.encryption_metadata.plaintext_hash, 'base64');

  return {
    field,
    mediaId: item.media_id,
    fileName: item.file_name ?? null,
    sha256: hash.length === 32 ? hash.toString('hex') : null,
    source: { cdn_url: item.cdn_url, encryption_metadata: item.encryption_metadata },
  };
}
