import type { SaveStatus } from './autosaver';

const labels: Record<SaveStatus, string> = {
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  retrying: 'Save failed — retrying',
  conflict: 'Changed elsewhere — not saved',
};

export function SaveStatusBadge({ status }: { status: SaveStatus }) {
  return (
    <p className={`save-status save-status--${status}`} role="status" aria-live="polite">
      {labels[status]}
    </p>
  );
}
