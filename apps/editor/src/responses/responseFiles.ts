import type { RouterOutputs } from '../api/types';

export type ResponseFile = RouterOutputs['submissions']['list']['rows'][number]['files'][number];

/** Where a file is fetched, the same address the delivery payload names. */
export function fileDownloadPath(submissionId: string, fileId: string): string {
  return `/api/submissions/${encodeURIComponent(submissionId)}/files/${encodeURIComponent(fileId)}`;
}

/** What became of a file, in the words the table shows under its name. */
export function fileStatusText(file: ResponseFile): string {
  switch (file.status) {
    case 'pending':
      return 'Downloading from WhatsApp…';
    case 'stored':
      return file.size === null
        ? 'Ready, not fetched yet'
        : `Ready, ${sizeText(file.size)}, not fetched yet`;
    case 'fetched':
      return 'Fetched, then deleted here';
    case 'failed':
      return `Failed: ${file.error ?? 'no reason was kept'}`;
  }
}

/** The files a response's media answer named, in the order they were picked. */
export function filesOfField(files: readonly ResponseFile[], field: string): ResponseFile[] {
  return files.filter((file) => file.field === field);
}

function sizeText(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }

  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
