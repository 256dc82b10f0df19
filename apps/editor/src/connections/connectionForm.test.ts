import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import {
  connectionChanges,
  type ConnectionView,
  draftOf,
  EMPTY_DRAFT,
  type KeyPairView,
  keyImportProblem,
  keyStatusOf,
  newConnectionInput,
  placeProblems,
  retiringKeys,
} from './connectionForm';

const CONNECTION: ConnectionView = {
  id: '3f1c2a0e-8b7d-4a52-9a43-1c0e5e2f7a10',
  name: 'Main',
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  appId: '1234567890123456',
  graphApiUrl: 'https://graph.facebook.com/v23.0',
  appSecretSet: true,
  webhookVerifyTokenSet: true,
  accessTokenHint: '…wxyz',
  secretsReadable: true,
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:05.000Z',
};

function keyPair(changes: Partial<KeyPairView>): KeyPairView {
  return {
    id: 'k1',
    status: 'active',
    fingerprint: 'ab'.repeat(32),
    publicKeyPem: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n',
    retiresAt: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    uploadedAt: null,
    signatureStatus: null,
    signatureCheckedAt: null,
    ...changes,
  };
}

describe('the connection form', () => {
  it('sends a new connection as typed, leaving the Graph API URL to the server when empty', () => {
    const draft = {
      ...EMPTY_DRAFT,
      name: 'Main',
      wabaId: '1',
      phoneNumberId: '2',
      appId: '3',
      appSecret: 's',
      accessToken: 't',
      webhookVerifyToken: 'v',
    };

    expect(newConnectionInput(draft)).not.toHaveProperty('graphApiUrl');
    expect(newConnectionInput({ ...draft, graphApiUrl: 'http://127.0.0.1:3001/v23.0' })).toEqual({
      ...draft,
      graphApiUrl: 'http://127.0.0.1:3001/v23.0',
    });
  });

  it('never shows a secret back: an edit starts with every secret empty', () => {
    const draft = draftOf(CONNECTION);

    expect(draft).toMatchObject({ name: 'Main', wabaId: CONNECTION.wabaId });
    expect([draft.appSecret, draft.accessToken, draft.webhookVerifyToken]).toEqual(['', '', '']);
  });

  it('sends only the fields that changed, and a secret only when one is typed', () => {
    expect(connectionChanges(CONNECTION, draftOf(CONNECTION))).toEqual({});
    expect(
      connectionChanges(CONNECTION, {
        ...draftOf(CONNECTION),
        name: 'Main line ',
        appId: ` ${CONNECTION.appId} `,
        accessToken: 'EAAG-new',
      }),
    ).toEqual({ name: 'Main line ', accessToken: 'EAAG-new' });
  });

  it("puts the server's problems under their field, for a create and an update", () => {
    const problems = [
      { pointer: '/wabaId', code: 'INVALID_INPUT', message: 'a Meta id is a string of digits' },
      { pointer: '/changes/graphApiUrl', code: 'INVALID_INPUT', message: 'must be http(s)' },
      { pointer: '/id', code: 'INVALID_INPUT', message: 'not a connection id' },
    ];

    expect(placeProblems(problems)).toEqual({
      byField: { wabaId: ['a Meta id is a string of digits'] },
      other: ['must be http(s)', 'not a connection id'],
    });
    expect(placeProblems(problems, '/changes')).toEqual({
      byField: { graphApiUrl: ['must be http(s)'] },
      other: ['a Meta id is a string of digits', 'not a connection id'],
    });
  });
});

describe('the key status of a connection', () => {
  it('says whether the active key is there, uploaded, and what Meta reports', () => {
    expect(keyStatusOf([])).toBe('no key pair');
    expect(keyStatusOf([keyPair({ status: 'retiring' })])).toBe('no key pair');
    expect(keyStatusOf([keyPair({})])).toBe('not uploaded');
    expect(
      keyStatusOf([keyPair({ uploadedAt: '2026-01-03T00:00:00.000Z', signatureStatus: 'VALID' })]),
    ).toBe('uploaded, signature VALID');
  });

  it('lists the retiring keys still accepted', () => {
    const retiring = keyPair({ id: 'k0', status: 'retiring', retiresAt: '2026-01-09T00:00:00Z' });

    expect(
      retiringKeys([keyPair({}), retiring, keyPair({ id: 'k-1', status: 'retired' })]),
    ).toEqual([retiring]);
  });
});

describe('a refused key import', () => {
  const reason = 'The private key could not be decrypted: the passphrase is wrong.';
  const refusal = TRPCClientError.from({
    error: { message: reason, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } },
  });

  it("shows the server's reason at the key when it names no field", () => {
    expect(keyImportProblem(null, [])).toBeNull();
    expect(keyImportProblem(refusal, [])).toBe(reason);
  });

  it("shows the key's own problem at the key, and leaves a passphrase problem to its field", () => {
    const atKey = { pointer: '/privateKeyPem', code: 'INVALID_INPUT', message: 'paste the key' };
    const atPassphrase = { pointer: '/passphrase', code: 'INVALID_INPUT', message: 'too long' };

    expect(keyImportProblem(refusal, [atPassphrase, atKey])).toBe('paste the key');
    expect(keyImportProblem(refusal, [atPassphrase])).toBeNull();
  });
});
