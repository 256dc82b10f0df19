import {
  constants,
  createPrivateKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  type BusinessKeyPair,
  generateBusinessKeyPair,
  importBusinessPrivateKey,
  KeyImportError,
  publicKeyFingerprint,
} from './key-pair';

const PASSPHRASE = 'correct horse battery staple';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyImportError);

    return (error as KeyImportError).code;
  }

  return undefined;
}

/** The public key of the pair encrypts what its private key decrypts, as Meta's phone does. */
function expectWorkingPair(pair: BusinessKeyPair): void {
  const secret = Buffer.from('0123456789abcdef');
  const wrapped = publicEncrypt(
    { key: pair.publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    secret,
  );
  const unwrapped = privateDecrypt(
    { key: pair.privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    wrapped,
  );
  expect(unwrapped).toEqual(secret);
}

describe('business key pairs', () => {
  let generated: BusinessKeyPair;

  beforeAll(async () => {
    generated = await generateBusinessKeyPair();
  });

  it('generates an RSA-2048 pair as unencrypted PKCS#8 and SPKI PEM', () => {
    const key = createPrivateKey(generated.privateKeyPem);

    expect(generated.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(generated.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(generated.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.fingerprint).toBe(publicKeyFingerprint(generated.publicKeyPem));
    expectWorkingPair(generated);
  });

  describe('import', () => {
    const original = () => createPrivateKey(generated.privateKeyPem);
    const formats: Array<[string, () => string, string | undefined]> = [
      ['PKCS#1', () => original().export({ type: 'pkcs1', format: 'pem' }).toString(), undefined],
      ['PKCS#8', () => original().export({ type: 'pkcs8', format: 'pem' }).toString(), undefined],
      [
        'encrypted PKCS#8',
        () =>
          original()
            .export({
              type: 'pkcs8',
              format: 'pem',
              cipher: 'aes-256-cbc',
              passphrase: PASSPHRASE,
            })
            .toString(),
        PASSPHRASE,
      ],
      [
        'encrypted PKCS#1 (openssl genrsa -aes256)',
        () =>
          original()
            .export({
              type: 'pkcs1',
              format: 'pem',
              cipher: 'aes-256-cbc',
              passphrase: PASSPHRASE,
            })
            .toString(),
        PASSPHRASE,
      ],
    ];

    it.each(formats)('reads %s and stores it as unencrypted PKCS#8', (_name, pem, passphrase) => {
      const imported = importBusinessPrivateKey(pem(), passphrase);

      expect(imported).toEqual(generated);
      expect(imported.privateKeyPem).not.toMatch(/ENCRYPTED/);
    });

    it('asks for the passphrase of an encrypted key', () => {
      const pem = original()
        .export({
          type: 'pkcs8',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: PASSPHRASE,
        })
        .toString();

      expect(codeOf(() => importBusinessPrivateKey(pem))).toBe('PASSPHRASE_REQUIRED');
      expect(codeOf(() => importBusinessPrivateKey(pem, 'wrong'))).toBe('WRONG_PASSPHRASE');
    });

    it('refuses what is not a private key', () => {
      expect(codeOf(() => importBusinessPrivateKey('hello'))).toBe('NOT_A_PRIVATE_KEY');
      expect(
        codeOf(() =>
          importBusinessPrivateKey(
            '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n',
          ),
        ),
      ).toBe('NOT_A_PRIVATE_KEY');
      expect(codeOf(() => importBusinessPrivateKey(generated.publicKeyPem))).toBe(
        'NOT_A_PRIVATE_KEY',
      );
    });

    it('refuses a key that is not RSA', () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

      expect(codeOf(() => importBusinessPrivateKey(pem))).toBe('NOT_RSA');
    });

    it('refuses an RSA key under 2048 bits', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

      expect(codeOf(() => importBusinessPrivateKey(pem))).toBe('KEY_TOO_SMALL');
    });
  });
});
