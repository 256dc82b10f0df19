import { describe, expect, it } from 'vitest';

import type { PatternPort } from './execute';
import { containsWords, matchMessage } from './execute';
import type { MessageMatch } from './schema';
import { MessageReceivedTriggerSchema } from './schema';

// A stand-in for the server's RE2 engine; the runtime only passes the pattern through.
const patterns: PatternPort = {
  test: (pattern, text, { caseSensitive }) =>
    new RegExp(pattern, caseSensitive ? 'u' : 'iu').test(text),
};

function trigger(match: MessageMatch) {
  return MessageReceivedTriggerSchema.parse({ id: 't', type: 'trigger.message_received', match });
}

describe('trigger.message_received', () => {
  it('matches a keyword as a whole word in any case, and ranks it above a pattern and any', () => {
    const keyword = trigger({ kind: 'keyword', keywords: ['book', 'reserve a table'] });
    expect(matchMessage(keyword, 'I want to BOOK!', patterns)).toBe(3);
    expect(matchMessage(keyword, 'Could I reserve  a TABLE?', patterns)).toBe(3);
    expect(matchMessage(keyword, 'booking please', patterns)).toBeNull();
    expect(matchMessage(keyword, 'a table to reserve', patterns)).toBeNull();
    expect(matchMessage(keyword, null, patterns)).toBeNull();
    expect(
      matchMessage(trigger({ kind: 'pattern', pattern: '^order #\\d+' }), 'Order #12', patterns),
    ).toBe(2);
    expect(matchMessage(trigger({ kind: 'any' }), null, patterns)).toBe(1);
  });

  it('keeps a pattern case-sensitive when asked', () => {
    const node = trigger({ kind: 'pattern', pattern: 'VIP', caseSensitive: true });
    expect(matchMessage(node, 'vip', patterns)).toBeNull();
    expect(matchMessage(node, 'VIP', patterns)).toBe(2);
  });

  it('compares words of any script after Unicode normalisation', () => {
    expect(containsWords('Quiero RESERVAR una mesa', 'reservar')).toBe(true);
    expect(containsWords('ｂｏｏｋ now', 'book')).toBe(true);
    expect(containsWords('बुक करें', 'बुक')).toBe(true);
  });

  it('refuses empty keywords and overlong patterns, naming the field', () => {
    const empty = MessageReceivedTriggerSchema.safeParse({
      id: 't',
      type: 'trigger.message_received',
      match: { kind: 'keyword', keywords: ['  '] },
    });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['match', 'keywords', 0]);
    const long = MessageReceivedTriggerSchema.safeParse({
      id: 't',
      type: 'trigger.message_received',
      match: { kind: 'pattern', pattern: 'a'.repeat(201) },
    });
    expect(long.error?.issues[0]?.path).toEqual(['match', 'pattern']);
  });
});
