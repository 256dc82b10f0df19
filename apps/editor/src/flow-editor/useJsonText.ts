import { useState } from 'react';

export interface JsonText {
  text: string;
  /** The parser's complaint about the text on screen, or `null` when it parses or is empty. */
  syntaxError: string | null;
  change: (next: string) => void;
}

/**
 * A value edited as JSON text: what is typed stays on screen, and `onChange` hears the value only
 * once the text parses (an empty box gives `emptyValue`).
 */
export function useJsonText(
  value: unknown,
  onChange: (value: unknown) => void,
  emptyValue?: unknown,
): JsonText {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setSyntaxError(null);
      onChange(emptyValue);

      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setSyntaxError(null);
      onChange(parsed);
    } catch (error) {
      setSyntaxError(error instanceof Error ? error.message : 'unreadable');
    }
  };

  return { text, syntaxError, change };
}
