import { createPublicKey } from 'node:crypto';

import type { SimContext } from '../context';
import { phoneNumberOf } from './access';
import { graphErrors } from './graph-error';
import { stringParam } from './graph-request';
import type { GraphRequest } from './graph-request';
import type { GraphAnswer } from './graph-route';

const MIN_RSA_BITS = 2048;

/** Spec B9: one public key per phone number; a new upload replaces the old one. */
export function uploadPublicKey(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const business = phoneNumberOf(ctx, request);
  const pem = stringParam(request.params, 'business_public_key');
  if (pem === undefined || pem.trim() === '') {
    throw graphErrors.badParameter('The parameter business_public_key is required.');
  }
  if (!isUsableKey(pem)) {
    throw graphErrors.badParameter('Invalid public key', 2_388_001);
  }
  business.businessPublicKey = pem;

  return { body: { success: true } };
}

export function getPublicKey(ctx: SimContext, request: GraphRequest): GraphAnswer {
  const business = phoneNumberOf(ctx, request);
  const key = business.businessPublicKey;

  return {
    body: {
      data:
        key === undefined
          ? []
          : [{ business_public_key: key, business_public_key_signature_status: 'VALID' }],
    },
  };
}

function isUsableKey(pem: string): boolean {
  try {
    const key = createPublicKey(pem);

    return (
      key.asymmetricKeyType === 'rsa' &&
      (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS
    );
  } catch {
    return false;
  }
}
