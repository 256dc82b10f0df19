import type { PatternPort } from '@sanjay-flow/runtime';
import { MAX_PATTERN_CHARS } from '@sanjay-flow/runtime';
import { RE2JS } from 're2js';

/** Compiled patterns kept for reuse; enough for every trigger of a busy workspace. */
const MAX_CACHED = 500;

/**
 * Matches message-received patterns with RE2 (`re2js`): time linear in the text, so a customer's
 * message cannot make a pattern backtrack for seconds, and no backreferences or lookarounds.
 */
export function createPatternPort(): PatternPort {
  const cache = new Map<string, RE2JS>();

  return {
    test: (pattern, text, { caseSensitive }) => {
      if (pattern.length > MAX_PATTERN_CHARS) {
        throw new Error(`A pattern has at most ${MAX_PATTERN_CHARS} characters`);
      }
      const key = `${caseSensitive ? 's' : 'i'}:${pattern}`;
      let compiled = cache.get(key);
      if (compiled === undefined) {
        compiled = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
        if (cache.size >= MAX_CACHED) {
          cache.clear();
        }
        cache.set(key, compiled);
      }

      return compiled.test(text);
    },
  };
}
