import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '../api/trpc';
import { Dialog } from '../ui/Dialog';
import { PublicationsPanel } from './PublicationsPanel';
import { PublishDialog } from './PublishDialog';
import { StatusBadge } from './StatusBadge';

/** The editor header's publishing controls: status badges, "Publish" and "At Meta". */
export function PublishButton({
  flowId,
  flushChanges,
}: {
  flowId: string;
  flushChanges: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const statuses = useQuery(trpc.publishing.status.queryOptions({ flowId }));
  const [open, setOpen] = useState<'publish' | 'meta' | null>(null);

  return (
    <>
      {statuses.data?.map((publication) => (
        <StatusBadge
          key={publication.connectionId}
          status={publication.status}
          connection={publication.connectionName}
        />
      ))}
      <button type="button" className="button button--primary" onClick={() => setOpen('publish')}>
        Publish…
      </button>
      <button type="button" className="button" onClick={() => setOpen('meta')}>
        At Meta
      </button>
      {open === 'publish' && (
        <PublishDialog flowId={flowId} flushChanges={flushChanges} onClose={() => setOpen(null)} />
      )}
      {open === 'meta' && (
        <Dialog
          title="At Meta"
          onDismiss={() => setOpen(null)}
          actions={
            <button type="button" className="button" onClick={() => setOpen(null)}>
              Close
            </button>
          }
        >
          <PublicationsPanel flowId={flowId} />
        </Dialog>
      )}
    </>
  );
}
