/** The server refuses bodies over 10 MB; checking first spares the upload. */
export const maxImportBytes = 10 * 1024 * 1024;

export type ImportFileCheck = { ok: true } | { ok: false; message: string };

interface FileFacts {
  name: string;
  type: string;
  size: number;
}

function looksLikeJson(file: FileFacts): boolean {
  const hasJsonName = file.name.toLowerCase().endsWith('.json');
  // Browsers leave `type` empty for extensions they do not know, so only a contradicting
  // type rules a file out.
  const hasJsonType =
    file.type === '' || file.type === 'application/json' || file.type.endsWith('+json');

  return hasJsonName && hasJsonType;
}

export function checkImportFile(file: FileFacts): ImportFileCheck {
  if (!looksLikeJson(file)) {
    return {
      ok: false,
      message: `"${file.name}" is not a Flow JSON file. Choose a .json file exported from Meta or Sanjay Flow.`,
    };
  }
  if (file.size > maxImportBytes) {
    const megabytes = (file.size / (1024 * 1024)).toFixed(1);

    return {
      ok: false,
      message: `"${file.name}" is too large (${megabytes} MB); the limit is 10 MB.`,
    };
  }
  if (file.size === 0) {
    return { ok: false, message: `"${file.name}" is empty.` };
  }

  return { ok: true };
}
