import { describe, expect, it } from 'vitest';

import { triggerMatches } from './execute';
import { defaultBackTrigger } from './trigger-back/schema';
import { defaultFlowOpenedTrigger } from './trigger-flow-opened/schema';
import { defaultScreenSubmittedTrigger } from './trigger-screen-submitted/schema';

describe('triggers', () => {
  it('flow opened matches INIT only', () => {
    const trigger = defaultFlowOpenedTrigger('t');
    expect(triggerMatches(trigger, { action: 'INIT', screen: '' })).toBe(true);
    expect(triggerMatches(trigger, { action: 'data_exchange', screen: 'A' })).toBe(false);
  });

  it('screen submitted matches data_exchange from its screen, filtered by the payload action', () => {
    const any = defaultScreenSubmittedTrigger('t', 'A');
    const booking = { ...any, action: 'book' };
    expect(triggerMatches(any, { action: 'data_exchange', screen: 'A', data: {} })).toBe(true);
    expect(triggerMatches(any, { action: 'data_exchange', screen: 'B', data: {} })).toBe(false);
    expect(triggerMatches(any, { action: 'BACK', screen: 'A' })).toBe(false);
    expect(
      triggerMatches(booking, { action: 'data_exchange', screen: 'A', data: { action: 'book' } }),
    ).toBe(true);
    expect(
      triggerMatches(booking, { action: 'data_exchange', screen: 'A', data: { action: 'cancel' } }),
    ).toBe(false);
  });

  it('back matches BACK from its screen', () => {
    const trigger = defaultBackTrigger('t', 'SLOTS');
    expect(triggerMatches(trigger, { action: 'BACK', screen: 'SLOTS' })).toBe(true);
    expect(triggerMatches(trigger, { action: 'BACK', screen: 'OTHER' })).toBe(false);
  });
});
