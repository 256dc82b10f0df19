import { useMutation } from '@tanstack/react-query';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { RouterOutputs } from '../api/types';
import { useCanEdit } from '../auth/workspaceRole';
import { FilesCell } from './FilesCell';
import { filesOfField } from './responseFiles';
import { SOURCE_LABELS, STATUS_LABELS } from './responsesQuery';

type Listing = RouterOutputs['submissions']['list'];
type Row = Listing['rows'][number];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface ResponsesTableProps {
  columns: Listing['columns'];
  rows: Row[];
  selected: ReadonlySet<string>;
  /** Absent for a viewer, who cannot delete: the table has no selection column then. */
  onSelect?: (selected: ReadonlySet<string>) => void;
  /** Reads the table again, after a retried delivery or a downloaded file. */
  onChanged: () => Promise<void>;
}

/** One row per response, one column per form field, labelled as the customer saw them. */
export function ResponsesTable({
  columns,
  rows,
  selected,
  onSelect,
  onChanged,
}: ResponsesTableProps) {
  const canEdit = useCanEdit();
  if (rows.length === 0) {
    return <p className="empty">No responses match.</p>;
  }
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) {
      next.add(id);
    }
    onSelect?.(next);
  };

  return (
    <div className="responses-scroll">
      <table className="flows-table responses-table">
        <caption className="visually-hidden">Responses</caption>
        <thead>
          <tr>
            {onSelect && (
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
            )}
            <th scope="col">Received</th>
            <th scope="col">Customer</th>
            {columns.map((column) => (
              <th scope="col" key={column.key} title={column.key}>
                {column.label}
              </th>
            ))}
            <th scope="col">Delivery</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`response-${row.id}`}>
              {onSelect && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select the response of ${dateFormat.format(new Date(row.receivedAt))}`}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
              )}
              <td>
                {dateFormat.format(new Date(row.receivedAt))}
                {SOURCE_LABELS[row.source] !== null && (
                  <p className="muted">{SOURCE_LABELS[row.source]}</p>
                )}
              </td>
              <td>{row.customerWaId ?? row.customerUserId ?? '—'}</td>
              {columns.map((column) => (
                <td key={column.key}>{answerCell(row, column.key, onChanged, canEdit)}</td>
              ))}
              <td>
                <DeliveryCell row={row} onRetried={onChanged} canRetry={canEdit} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function answerCell(row: Row, key: string, onChanged: () => Promise<void>, canFetch: boolean) {
  // Files outlive the answers erased after delivery, until they are fetched or purged.
  const files = filesOfField(row.files, key);
  if (files.length > 0) {
    return (
      <FilesCell submissionId={row.id} files={files} onFetched={onChanged} canFetch={canFetch} />
    );
  }
  if (row.answersDeletedAt !== null) {
    return <span className="muted">erased after delivery</span>;
  }
  if (row.missingRequired.includes(key)) {
    return <span className="field__error">missing (required)</span>;
  }

  return row.answers[key] ?? '';
}

function DeliveryCell({
  row,
  onRetried,
  canRetry,
}: {
  row: Row;
  onRetried: () => Promise<void>;
  canRetry: boolean;
}) {
  const trpc = useTRPC();
  const retry = useMutation(
    trpc.submissions.retryDelivery.mutationOptions({ onSuccess: onRetried }),
  );

  return (
    <div className="delivery-cell">
      <strong>{STATUS_LABELS[row.status]}</strong>
      {row.responseError !== null && <p className="field__error">{row.responseError}</p>}
      {row.deliveries.map((delivery) => (
        <p key={delivery.destinationId} className="muted">
          {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
          {delivery.error !== null ? `, last: ${delivery.error}` : ''}
        </p>
      ))}
      {row.status === 'dead' && canRetry && (
        <button
          type="button"
          className="button"
          disabled={retry.isPending}
          onClick={() => retry.mutate({ id: row.id })}
        >
          Retry now
        </button>
      )}
      {retry.isError && <p className="field__error">{errorMessage(retry.error)}</p>}
    </div>
  );
}
