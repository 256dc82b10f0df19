import type { PickedMedia } from './state';

/** Why a value is read: to show it, or to send it in a payload of one kind. */
export type Purpose = 'view' | 'navigate' | 'data_exchange' | 'complete' | 'update_data';

/**
 * Picked files as each place expects them: the endpoint gets the encrypted-upload description
 * (spec B7), the completion message the media reference (spec C3), the screen the files.
 */
export function mediaFor(files: readonly PickedMedia[], purpose: Purpose): unknown[] {
  switch (purpose) {
    case 'data_exchange':
      return files.map((file) => ({
        media_id: file.id,
        file_name: file.file_name,
        ...(file.cdn_url === undefined ? {} : { cdn_url: file.cdn_url }),
        ...(file.encryption_metadata === undefined
          ? {}
          : { encryption_metadata: file.encryption_metadata }),
      }));
    case 'complete':
      return files.map((file) => ({
        id: file.id,
        file_name: file.file_name,
        mime_type: file.mime_type,
        ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
      }));
    case 'view':
    case 'navigate':
    case 'update_data':
      return [...files];
  }
}
