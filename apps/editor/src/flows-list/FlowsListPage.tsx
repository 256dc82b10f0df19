import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { FlowSummary } from '../api/types';
import { CONNECTIONS_PATH, Link, PRIVACY_PATH, PULL_PATH } from '../app/router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ListTable } from '../ui/ListTable';
import { useCanEdit } from '../auth/workspaceRole';
import { CreateFlowForm } from './CreateFlowForm';
import { DeleteFlowDialog } from './DeleteFlowDialog';
import { FlowRow } from './FlowRow';
import { matchingFlows } from './flowSearch';
import { ImportFailureNotice, type ImportFailure } from './ImportFailureNotice';
import { ImportFlowButton } from './ImportFlowButton';
import { TemplateGallery } from './TemplateGallery';

function FlowsTable({
  flows,
  onDelete,
  query,
}: {
  flows: FlowSummary[];
  /** Absent for a viewer: the rows then offer no changes. */
  onDelete?: (flow: FlowSummary) => void;
  query: string;
}) {
  if (flows.length === 0) {
    return <p className="empty">No flows yet. Create one or import a Flow JSON file.</p>;
  }
  const shown = matchingFlows(flows, query);
  if (shown.length === 0) {
    return <p className="empty">No flow name matches “{query.trim()}”.</p>;
  }

  return (
    <ListTable caption="Flows" columns={['Name', 'Screens', 'Revision', 'Updated']}>
      {shown.map((flow) => (
        <FlowRow key={flow.id} flow={flow} {...(onDelete ? { onDelete } : {})} />
      ))}
    </ListTable>
  );
}

export function FlowsListPage() {
  // Viewers list and open Flows; making, renaming, duplicating and deleting are for editors.
  const canEdit = useCanEdit();
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [flowToDelete, setFlowToDelete] = useState<FlowSummary | null>(null);
  const closeDeleteDialog = useCallback(() => setFlowToDelete(null), []);
  const [importFailure, setImportFailure] = useState<ImportFailure | null>(null);
  const clearImportFailure = useCallback(() => setImportFailure(null), []);
  const [query, setQuery] = useState('');

  return (
    <main className="page">
      <header className="page__header">
        <h1>Flows</h1>
        <p>
          <Link to={CONNECTIONS_PATH}>Connections</Link> · <Link to={PULL_PATH}>Flows at Meta</Link>{' '}
          · <Link to={PRIVACY_PATH}>Privacy and data</Link>
        </p>
      </header>
      {canEdit && (
        <section className="toolbar" aria-label="New flow">
          <CreateFlowForm />
          <ImportFlowButton onStart={clearImportFailure} onFailure={setImportFailure} />
        </section>
      )}
      {importFailure !== null && (
        <ImportFailureNotice failure={importFailure} onDismiss={clearImportFailure} />
      )}
      {flows.isPending && <p aria-live="polite">Loading flows…</p>}
      {flows.isError && (
        <ErrorNotice title="Could not load the flows">
          <p>{errorMessage(flows.error)}</p>
        </ErrorNotice>
      )}
      {canEdit && <TemplateGallery />}
      <div className="flows-search" role="search">
        <label className="field">
          <span className="field__label">Search flows</span>
          <input
            className="input"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
      </div>
      {flows.isSuccess && (
        <FlowsTable
          flows={flows.data}
          {...(canEdit ? { onDelete: setFlowToDelete } : {})}
          query={query}
        />
      )}
      {flowToDelete !== null && (
        <DeleteFlowDialog flow={flowToDelete} onClose={closeDeleteDialog} />
      )}
    </main>
  );
}
