const STATUS_WORDS: Record<string, string> = {
  DRAFT: 'Draft',
  PUBLISHED: 'Published',
  THROTTLED: 'Throttled',
  BLOCKED: 'Blocked',
  DEPRECATED: 'Deprecated',
  DELETED: 'Deleted at Meta',
  UNKNOWN: 'Status unknown',
};

/** Meta's status of a Flow on one connection. */
export function StatusBadge({ status, connection }: { status: string; connection?: string }) {
  const words = STATUS_WORDS[status] ?? status;

  return (
    <span
      className={`status-badge status-badge--${status.toLowerCase()}`}
      data-testid="publish-status"
      title={connection === undefined ? words : `${words} on ${connection}`}
    >
      {connection === undefined ? words : `${connection}: ${words}`}
    </span>
  );
}
