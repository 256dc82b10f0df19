import { createHash, createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * A business key pair as the product stores it: the private key as unencrypted PKCS#8 PEM
 * (the caller seals it before it is written anywhere), the public key as SPKI PEM — the form
 * Meta accepts for upload (spec B9) — and the SHA-256 of the public key's DER bytes.
 */
export interface BusinessKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
  fingerprint: string;
}

export type KeyImportErrorCode =
  'NOT_A_PRIVATE_KEY' | 'PASSPHRASE_REQUIRED' | 'WRONG_PASSPHRASE' | 'NOT_RSA' | 'KEY_TOO_SMALL';

/** A private key that cannot serve a data endpoint, refused when it is imported. */
export class KeyImportError extends Error {
  override readonly name = 'KeyImportError';

  constructor(
    readonly code: KeyImportErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Meta's generator makes 2048-bit keys; anything smaller is refused. */
export const MIN_RSA_KEY_BITS = 2048;

const generateRsaKeyPair = promisify(generateKeyPair);

/** A new RSA-2048 key pair (generated off the event loop). */
export async function generateBusinessKeyPair(): Promise<BusinessKeyPair> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: MIN_RSA_KEY_BITS });

  return describeKeyPair(privateKey);
}

/**
 * Reads a private key PEM — PKCS#1 (`BEGIN RSA PRIVATE KEY`, optionally encrypted the legacy
 * OpenSSL way), PKCS#8, or encrypted PKCS#8 — and checks that it can decrypt data-endpoint
 * calls: an RSA key of at least 2048 bits. Every defect is reported here, so a bad key never
 * surfaces later as a failing request.
 */
export function importBusinessPrivateKey(pem: string, passphrase?: string): BusinessKeyPair {
  const privateKey = readPrivateKey(pem, passphrase);
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new KeyImportError(
      'NOT_RSA',
      `The key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}, not RSA: WhatsApp Flows encrypt with RSA-OAEP.`,
    );
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_KEY_BITS) {
    throw new KeyImportError(
      'KEY_TOO_SMALL',
      `The RSA key has ${bits} bits; at least ${MIN_RSA_KEY_BITS} are required.`,
    );
  }

  return describeKeyPair(privateKey);
}

/** SHA-256 of the public key's SPKI DER encoding, lower-case hex. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });

  return createHash('sha256').update(der).digest('hex');
}

function describeKeyPair(privateKey: KeyObject): BusinessKeyPair {
  const publicKeyPem = createPublicKey(privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString();

  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem,
    fingerprint: publicKeyFingerprint(publicKeyPem),
  };
}

function readPrivateKey(pem: string, passphrase: string | undefined): KeyObject {
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem) && !/PRIVATE KEY-----/.test(pem)) {
    throw new KeyImportError(
      'NOT_A_PRIVATE_KEY',
      'This is a public key; import the private key it belongs to.',
    );
  }
  const encrypted = /ENCRYPTED/.test(pem);
  if (encrypted && !passphrase) {
    throw new KeyImportError(
      'PASSPHRASE_REQUIRED',
      'The private key is encrypted: give its passphrase.',
    );
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (cause) {
    if (encrypted) {
      throw new KeyImportError(
        'WRONG_PASSPHRASE',
        'The private key could not be decrypted: the passphrase is wrong.',
        { cause },
      );
    }
    throw new KeyImportError(
      'NOT_A_PRIVATE_KEY',
      'The file is not a PEM private key (PKCS#1 or PKCS#8).',
      { cause },
    );
  }
}
