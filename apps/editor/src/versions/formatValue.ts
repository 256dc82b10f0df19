/** A property value as one short line: text as is, anything else as compact JSON. */
export function formatValue(value: unknown, maxLength = 120): string {
  const text = typeof value === 'string' ? `“${value}”` : (JSON.stringify(value) ?? '—');

  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

const CHANGE_WORDS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** “Changed Screen “ASK” › TextInput “email” › label”: what a diff entry says in words. */
export function describeChange(entry: {
  change: keyof typeof CHANGE_WORDS;
  path: readonly string[];
}): string {
  return `${CHANGE_WORDS[entry.change]} ${entry.path.join(' › ')}`;
}
