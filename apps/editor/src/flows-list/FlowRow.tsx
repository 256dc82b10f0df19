import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useState, type FormEvent, type KeyboardEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { FlowSummary } from '../api/types';
import { flowPath, Link, responsesPath } from '../app/router';
import { FlowStatusBadges } from '../publishing/FlowStatusBadges';
import { DuplicateFlowButton } from './DuplicateFlowButton';

interface FlowRowProps {
  flow: FlowSummary;
  /** Absent for a viewer, who may open a Flow and its responses but not change it. */
  onDelete?: (flow: FlowSummary) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(value: string | Date): string {
  return dateFormat.format(new Date(value));
}

function RenameForm({ flow, onDone }: { flow: FlowSummary; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(flow.name);
  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        onDone();
      },
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === flow.name) {
      onDone();
    } else if (trimmed !== '') {
      rename.mutate({ id: flow.id, name: trimmed });
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      onDone();
    }
  };

  return (
    <form className="rename-flow" onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <input
        className="input"
        aria-label={`New name for ${flow.name}`}
        value={name}
        maxLength={200}
        required
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="button button--primary" disabled={rename.isPending}>
        Save name
      </button>
      <button type="button" className="button" onClick={onDone}>
        Cancel
      </button>
      {rename.isError && (
        <p className="field__error" role="alert">
          Could not rename: {errorMessage(rename.error)}
        </p>
      )}
    </form>
  );
}

function FlowRowView({ flow, onDelete }: FlowRowProps) {
  const [renaming, setRenaming] = useState(false);

  return (
    <tr className="flow-row" data-testid={`flow-row-${flow.id}`}>
      <th scope="row" className="flow-row__name">
        {renaming ? (
          <RenameForm flow={flow} onDone={() => setRenaming(false)} />
        ) : (
          <Link to={flowPath(flow.id)}>{flow.name}</Link>
        )}
        <FlowStatusBadges flowId={flow.id} />
      </th>
      <td>{flow.screenCount}</td>
      <td>{flow.revision}</td>
      <td>{formatDate(flow.updatedAt)}</td>
      <td>
        <div className="flow-row__actions">
          <Link to={flowPath(flow.id)} className="button">
            Open<span className="visually-hidden"> {flow.name}</span>
          </Link>
          <Link to={responsesPath(flow.id)} className="button">
            Responses<span className="visually-hidden"> of {flow.name}</span>
          </Link>
          {onDelete && (
            <>
              <button
                type="button"
                className="button"
                aria-label={`Rename ${flow.name}`}
                disabled={renaming}
                onClick={() => setRenaming(true)}
              >
                Rename
              </button>
              <DuplicateFlowButton flow={flow} />
              <button
                type="button"
                className="button button--danger"
                aria-label={`Delete ${flow.name}`}
                onClick={() => onDelete(flow)}
              >
                Delete
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

export const FlowRow = memo(FlowRowView);
