import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

interface NodeCrypto {
  createHash(algorithm: 'sha256'): {
    update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
}

// Node's native hash is about fifteen times faster than the portable one; it is looked up
// without importing a Node module, so the package still loads in browsers.
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** SHA-256 of a text's UTF-8 bytes, as lower-case hex. Synchronous, in Node and in browsers. */
export function sha256Hex(text: string): string {
  return nodeCrypto
    ? nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : portableSha256Hex(text);
}

export function portableSha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}
