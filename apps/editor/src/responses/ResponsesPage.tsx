import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC, useTRPCClient } from '../api/trpc';
import { flowPath, Link } from '../app/router';
import { useCanEdit } from '../auth/workspaceRole';
import { ConfirmDeleteDialog } from '../ui/ConfirmDeleteDialog';
import { downloadText } from '../ui/download';
import { ErrorNotice } from '../ui/ErrorNotice';
import { DestinationsPanel } from './DestinationsPanel';
import { ResponsesTable } from './ResponsesTable';
import { NO_FILTERS, responsesQuery, type ResponsesFilters, STATUS_LABELS } from './responsesQuery';

/**
 * A Flow's responses: filters, the table, CSV export, deletion, and where answers go. Viewers
 * read and export; deleting, retrying and managing destinations are for editors.
 */
export function ResponsesPage({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const canEdit = useCanEdit();
  const [filters, setFilters] = useState<ResponsesFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const query = responsesQuery(flowId, filters);
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  const responses = useQuery(trpc.submissions.list.queryOptions(query));
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.submissions.list.queryKey() });
  const remove = useMutation(
    trpc.submissions.delete.mutationOptions({
      onSuccess: async () => {
        setSelected(new Set());
        setConfirming(false);
        await refresh();
      },
    }),
  );
  const exportCsv = useMutation({
    mutationFn: () => client.submissions.exportCsv.query(query),
    onSuccess: ({ fileName, csv }) => downloadText(fileName, csv, 'text/csv'),
  });

  return (
    <main className="page responses-page">
      <header className="page__header">
        <p>
          <Link to="/">All flows</Link> · <Link to={flowPath(flowId)}>Open the canvas</Link>
        </p>
        <h1>Responses{flow.data ? ` — ${flow.data.name}` : ''}</h1>
      </header>
      <FiltersForm
        filters={filters}
        onChange={(changed) => {
          // Rows the new filters hide must not stay selected for deletion.
          setSelected(new Set());
          setFilters(changed);
        }}
      />
      <section className="toolbar" aria-label="Response actions">
        <button
          type="button"
          className="button"
          disabled={exportCsv.isPending}
          onClick={() => exportCsv.mutate()}
        >
          Export CSV
        </button>
        {canEdit && (
          <button
            type="button"
            className="button button--danger"
            disabled={selected.size === 0}
            onClick={() => setConfirming(true)}
          >
            Delete selected ({selected.size})
          </button>
        )}
      </section>
      {exportCsv.isError && (
        <ErrorNotice title="Could not export">{errorMessage(exportCsv.error)}</ErrorNotice>
      )}
      {confirming && (
        <ConfirmDeleteDialog
          title={`Delete ${selected.size === 1 ? 'this response' : `${selected.size} responses`}?`}
          confirmLabel="Delete"
          deletion={remove}
          onConfirm={() => remove.mutate({ ids: [...selected] })}
          onClose={() => {
            setConfirming(false);
            remove.reset();
          }}
        >
          <p>
            The answers, their files not yet fetched and their delivery records are deleted for
            good. Deliveries still pending are not sent.
          </p>
        </ConfirmDeleteDialog>
      )}
      {responses.isPending && <p aria-live="polite">Loading responses…</p>}
      {responses.isError && (
        <ErrorNotice title="Could not load the responses">
          <p>{errorMessage(responses.error)}</p>
        </ErrorNotice>
      )}
      {responses.isSuccess && (
        <ResponsesTable
          columns={responses.data.columns}
          rows={responses.data.rows}
          selected={selected}
          onSelect={canEdit ? setSelected : undefined}
          onChanged={refresh}
        />
      )}
      <DestinationsPanel flowId={flowId} />
    </main>
  );
}

function FiltersForm({
  filters,
  onChange,
}: {
  filters: ResponsesFilters;
  onChange: (filters: ResponsesFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const set = (changes: Partial<ResponsesFilters>) => setDraft({ ...draft, ...changes });

  return (
    <form className="toolbar responses-filters" aria-label="Filter responses" onSubmit={onSubmit}>
      <label>
        From{' '}
        <input
          className="input"
          type="date"
          value={draft.from}
          onChange={(e) => set({ from: e.target.value })}
        />
      </label>
      <label>
        To{' '}
        <input
          className="input"
          type="date"
          value={draft.to}
          onChange={(e) => set({ to: e.target.value })}
        />
      </label>
      <label>
        Status{' '}
        <select
          className="input"
          value={draft.status}
          onChange={(e) => set({ status: e.target.value as ResponsesFilters['status'] })}
        >
          <option value="">Any</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Search{' '}
        <input
          className="input"
          type="search"
          value={draft.text}
          maxLength={200}
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <button type="submit" className="button button--primary">
        Apply filters
      </button>
    </form>
  );
}
