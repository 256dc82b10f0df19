import { describe, expect, it } from 'vitest';

import { SendFlowInputSchema } from './send-flow';
import { customerOf, RecipientSchema } from './recipient';

describe('a recipient', () => {
  it.each(['16505551234', '+16505551234', '4915123456', 'US.13491208655302741918', 'user.A1b2'])(
    'accepts %s',
    (to) => {
      expect(RecipientSchema.safeParse(to).success).toBe(true);
    },
  );

  it.each(['abc', '123456', '1234567890123456', '+', '16 50 555', 'US.', 'user', 'user.a b'])(
    'refuses %s',
    (to) => {
      expect(RecipientSchema.safeParse(to).success).toBe(false);
    },
  );

  it('names the field and says what a recipient is when sending a Flow', () => {
    const parsed = SendFlowInputSchema.safeParse({
      flowId: '0b6a3c53-2f5e-4d6c-9c1e-5b2f1f0a9d11',
      connectionId: '6f1d9e2a-8b3c-4a5d-9e6f-7a8b9c0d1e2f',
      to: 'abc',
      cta: 'Open',
      body: 'Hi',
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['to'],
        message: expect.stringContaining('7 to 15 digits') as unknown,
      }),
    ]);
  });

  it('keeps a phone number as digits and a user id as it is', () => {
    expect(customerOf('+16505551234')).toEqual({ waId: '16505551234' });
    expect(customerOf('US.13491208655302741918')).toEqual({ userId: 'US.13491208655302741918' });
  });
});
