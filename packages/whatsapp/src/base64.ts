const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard, padded base64 and returns undefined for anything else. Node's own decoder
 * skips characters it does not know, which would let a corrupted field through silently.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  return STANDARD_BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}
