import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { useCanEdit } from '../auth/workspaceRole';
import { LinkMetaForm } from './LinkMetaForm';
import { PublishHistory } from './PublishHistory';
import { StatusBadge } from './StatusBadge';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Where the Flow lives at Meta, per connection: status, health, and what can be done there. */
export function PublicationsPanel({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const statuses = useQuery(trpc.publishing.status.queryOptions({ flowId }));
  const canEdit = useCanEdit();
  const [preview, setPreview] = useState<{ url: string; expiresAt: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.publishing.pathKey() });
  const deprecate = useMutation(trpc.publishing.deprecate.mutationOptions({ onSettled: refresh }));
  const deleteDraft = useMutation(
    trpc.publishing.deleteDraft.mutationOptions({ onSettled: refresh }),
  );
  const previewLink = useMutation(
    trpc.publishing.preview.mutationOptions({
      onSuccess: (link) => setPreview({ url: link.previewUrl, expiresAt: link.expiresAt }),
    }),
  );
  const failure = deprecate.error ?? deleteDraft.error ?? previewLink.error;

  return (
    <section className="publications" aria-label="Publications">
      <h2>At Meta</h2>
      {statuses.data?.length === 0 && <p>Not published yet.</p>}
      <ul className="publications__list">
        {statuses.data?.map((publication) => {
          const ref = { flowId, connectionId: publication.connectionId };
          const name = publication.connectionName;

          return (
            <li key={publication.connectionId} className="publication">
              <strong>{name}</strong> <StatusBadge status={publication.status} />{' '}
              {publication.metaFlowId !== null && <code>{publication.metaFlowId}</code>}
              {publication.clonedFromMetaFlowId !== null && (
                <span> (clone of {publication.clonedFromMetaFlowId})</span>
              )}
              {publication.publishedAt !== null && (
                <span> · published {dateFormat.format(new Date(publication.publishedAt))}</span>
              )}
              {publication.alerts.map((alert) => (
                <p key={alert.kind} className="publication__alert" role="note">
                  {alert.kind}: {alert.message}
                </p>
              ))}
              {publication.metaFlowId !== null && (
                <div className="publication__actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={`Preview link on ${name}`}
                    onClick={() => previewLink.mutate(ref)}
                  >
                    Preview link
                  </button>
                  {publication.status === 'DRAFT' && publication.publishedAt === null && (
                    <button
                      type="button"
                      className="button button--danger"
                      aria-label={`Delete draft on ${name}`}
                      onClick={() => {
                        if (window.confirm(`Delete the draft at Meta on ${name}?`)) {
                          deleteDraft.mutate(ref);
                        }
                      }}
                    >
                      Delete draft
                    </button>
                  )}
                  {['PUBLISHED', 'THROTTLED', 'BLOCKED'].includes(publication.status) && (
                    <button
                      type="button"
                      className="button button--danger"
                      aria-label={`Deprecate on ${name}`}
                      onClick={() => {
                        if (window.confirm(`Deprecate on ${name}? This cannot be undone.`)) {
                          deprecate.mutate(ref);
                        }
                      }}
                    >
                      Deprecate
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {preview !== null && (
        <p>
          <a href={preview.url} target="_blank" rel="noreferrer">
            Open the preview
          </a>{' '}
          (expires {dateFormat.format(new Date(preview.expiresAt))})
        </p>
      )}
      {failure !== null && (
        <p className="field__error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
      {canEdit && <LinkMetaForm flowId={flowId} />}
      <PublishHistory flowId={flowId} />
    </section>
  );
}
