import { describe, expect, it } from 'vitest';

import { routeOf } from './webhook-connections';

const body = (entries: unknown[]) =>
  JSON.stringify({ object: 'whatsapp_business_account', entry: entries });

describe('routeOf', () => {
  it('reads the WABA and phone number ids a webhook names, once each, sorted', () => {
    const route = routeOf(
      body([
        { id: '2', changes: [{ value: { metadata: { phone_number_id: '20' } } }] },
        { id: '1', changes: [{ value: { metadata: { phone_number_id: '20' } } }] },
      ]),
    );

    expect(route).toEqual({ wabaIds: ['1', '2'], phoneNumberIds: ['20'] });
  });

  it('keeps only what a connection can hold: digits, at most 32', () => {
    const route = routeOf(
      body([
        {
          id: `1${'x'.repeat(100_000)}`,
          changes: [{ value: { metadata: { phone_number_id: 7 } } }],
        },
        { id: '1'.repeat(33) },
        { id: 'WHATSAPP_BUSINESS_ACCOUNT_ID' },
        {
          id: '123456123',
          changes: [{ value: { metadata: { phone_number_id: '1'.repeat(32) } } }],
        },
      ]),
    );

    expect(route).toEqual({ wabaIds: ['123456123'], phoneNumberIds: ['1'.repeat(32)] });
  });

  it('names nothing when a body names more ids than a batch from Meta would', () => {
    const ids = Array.from({ length: 65 }, (_, index) => ({ id: String(100_000 + index) }));

    expect(routeOf(body(ids))).toEqual({ wabaIds: [], phoneNumberIds: [] });
    expect(routeOf(body(ids.slice(0, 64)))?.wabaIds).toHaveLength(64);
  });

  it('is null for a body that is not JSON', () => {
    expect(routeOf('{"entry": [')).toBeNull();
  });
});
