import type { MessageMatch, MessageReceivedTrigger } from './schema';

/** Matches a pattern in linear time; the server supplies it (the runtime has no RE2 engine). */
export interface PatternPort {
  /** Throws when the pattern is not valid RE2 syntax. */
  test(pattern: string, text: string, options: { caseSensitive: boolean }): boolean;
}

/** How specific a match is: a keyword beats a pattern, which beats any message. */
export type MatchSpecificity = 1 | 2 | 3;

/** The text of the message a trigger reads: a text body, a button's title, a caption. */
export function matchMessage(
  node: MessageReceivedTrigger,
  text: string | null,
  patterns: PatternPort,
): MatchSpecificity | null {
  return matches(node.match, text, patterns) ? specificityOf(node.match) : null;
}

function matches(match: MessageMatch, text: string | null, patterns: PatternPort): boolean {
  switch (match.kind) {
    case 'any':
      return true;
    case 'keyword':
      return text !== null && match.keywords.some((keyword) => containsWords(text, keyword));
    case 'pattern':
      return (
        text !== null &&
        patterns.test(match.pattern, text, { caseSensitive: match.caseSensitive ?? false })
      );
  }
}

function specificityOf(match: MessageMatch): MatchSpecificity {
  switch (match.kind) {
    case 'keyword':
      return 3;
    case 'pattern':
      return 2;
    case 'any':
      return 1;
  }
}

// Letters and digits of any script; "Book!" and "book" are one word, "booking" is another.
const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLocaleLowerCase().match(WORD) ?? [];
}

/** Whether the keyword's words appear in the text, next to each other and in order. */
export function containsWords(text: string, keyword: string): boolean {
  const words = wordsOf(text);
  const wanted = wordsOf(keyword);
  if (wanted.length === 0) {
    return false;
  }

  return words.some((_, start) => wanted.every((word, offset) => words[start + offset] === word));
}
