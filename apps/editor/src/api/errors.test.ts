import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import {
  errorCode,
  errorHttpStatus,
  errorMessage,
  importProblems,
  isPayloadTooLarge,
  PayloadTooLargeError,
} from './errors';

function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('API error helpers', () => {
  it('reads the tRPC code and message the server sent', () => {
    const error = serverError('Stale revision', { code: 'CONFLICT', httpStatus: 409 });

    expect(errorCode(error)).toBe('CONFLICT');
    expect(errorMessage(error)).toBe('Stale revision');
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorHttpStatus(error)).toBe(409);
    expect(errorHttpStatus(new TypeError('Failed to fetch'))).toBeUndefined();
  });

  it('keeps only well-formed import problems', () => {
    const error = serverError('Not valid Flow JSON', {
      code: 'BAD_REQUEST',
      problems: [
        { pointer: '/screens/0', code: 'REQUIRED', message: 'id is missing', line: 3, column: 5 },
        { pointer: 7, message: 'malformed' },
      ],
    });

    expect(importProblems(error)).toEqual([
      { pointer: '/screens/0', code: 'REQUIRED', message: 'id is missing', line: 3, column: 5 },
    ]);
    expect(importProblems(serverError('Oops', { code: 'INTERNAL_SERVER_ERROR' }))).toEqual([]);
  });

  it('recognises a body refused for its size, by status or by the fetch wrapper', () => {
    const wrapped = TRPCClientError.from(new PayloadTooLargeError());

    expect(isPayloadTooLarge(wrapped)).toBe(true);
    expect(isPayloadTooLarge(serverError('Too big', { httpStatus: 413 }))).toBe(true);
    expect(isPayloadTooLarge(serverError('Bad', { httpStatus: 400 }))).toBe(false);
    expect(errorMessage(wrapped)).toMatch(/too large/);
  });
});
