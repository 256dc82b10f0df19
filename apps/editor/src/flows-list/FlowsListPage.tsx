import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { FlowSummary } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CreateFlowForm } from './CreateFlowForm';
import { DeleteFlowDialog } from './DeleteFlowDialog';
import { FlowRow } from './FlowRow';
import { ImportFailureNotice, type ImportFailure } from './ImportFailureNotice';
import { ImportFlowButton } from './ImportFlowButton';

function FlowsTable({
  flows,
  onDelete,
}: {
  flows: FlowSummary[];
  onDelete: (flow: FlowSummary) => void;
}) {
  if (flows.length === 0) {
    return <p className="empty">No flows yet. Create one or import a Flow JSON file.</p>;
  }

  return (
    <table className="flows-table">
      <caption className="visually-hidden">Flows</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Screens</th>
          <th scope="col">Revision</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <FlowRow key={flow.id} flow={flow} onDelete={onDelete} />
        ))}
      </tbody>
    </table>
  );
}

export function FlowsListPage() {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [flowToDelete, setFlowToDelete] = useState<FlowSummary | null>(null);
  const closeDeleteDialog = useCallback(() => setFlowToDelete(null), []);
  const [importFailure, setImportFailure] = useState<ImportFailure | null>(null);
  const clearImportFailure = useCallback(() => setImportFailure(null), []);

  return (
    <main className="page">
      <header className="page__header">
        <h1>Flows</h1>
      </header>
      <section className="toolbar" aria-label="New flow">
        <CreateFlowForm />
        <ImportFlowButton onStart={clearImportFailure} onFailure={setImportFailure} />
      </section>
      {importFailure !== null && (
        <ImportFailureNotice failure={importFailure} onDismiss={clearImportFailure} />
      )}
      {flows.isPending && <p aria-live="polite">Loading flows…</p>}
      {flows.isError && (
        <ErrorNotice title="Could not load the flows">
          <p>{errorMessage(flows.error)}</p>
        </ErrorNotice>
      )}
      {flows.isSuccess && <FlowsTable flows={flows.data} onDelete={setFlowToDelete} />}
      {flowToDelete !== null && (
        <DeleteFlowDialog flow={flowToDelete} onClose={closeDeleteDialog} />
      )}
    </main>
  );
}
