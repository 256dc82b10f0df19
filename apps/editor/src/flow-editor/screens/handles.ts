/** Handle ids of navigation sources on screen cards: one per button and list item. */

export const NAVIGATE_HANDLE_PREFIX = 'navigate:';

export function navigateHandleId(pointer: string): string {
  return `${NAVIGATE_HANDLE_PREFIX}${pointer}`;
}

export function pointerOfNavigateHandle(handle: string | null | undefined): string | undefined {
  return handle?.startsWith(NAVIGATE_HANDLE_PREFIX) === true
    ? handle.slice(NAVIGATE_HANDLE_PREFIX.length)
    : undefined;
}

/**
 * A navigate edge starts at the handle of the button or list item whose action it draws
 * (its id is `navigate:<node>:<pointer of the action>`); other edges use the card's own.
 */
export function navigateSourceHandle(edge: { id: string; source: string; kind: string }): {
  sourceHandle?: string;
} {
  const prefix = `navigate:${edge.source}:`;
  const suffix = '/on-click-action';
  if (edge.kind !== 'navigate' || !edge.id.startsWith(prefix) || !edge.id.endsWith(suffix)) {
    return {};
  }

  return { sourceHandle: navigateHandleId(edge.id.slice(prefix.length, -suffix.length)) };
}
