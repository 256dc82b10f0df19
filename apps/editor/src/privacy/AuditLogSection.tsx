import { useQuery } from '@tanstack/react-query';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { ErrorNotice } from '../ui/ErrorNotice';

/** The newest entries of the workspace's audit log: who did what, never personal data. */
export function AuditLogSection() {
  const trpc = useTRPC();
  const audit = useQuery(trpc.privacy.audit.queryOptions({ limit: 100 }));

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {audit.isError && (
        <ErrorNotice title="Could not load the audit log">{errorMessage(audit.error)}</ErrorNotice>
      )}
      {audit.data?.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {audit.data !== undefined && audit.data.length > 0 && (
        <table className="audit-log" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((entry) => (
              <tr key={entry.id}>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>{entry.actor}</td>
                <td>
                  {entry.action}
                  {entry.targetType !== null && ` (${entry.targetType} ${entry.targetId ?? ''})`}
                </td>
                <td>
                  {entry.details === null
                    ? ''
                    : Object.entries(entry.details)
                        .filter(([, count]) => count !== 0)
                        .map(([name, count]) => `${name}: ${count}`)
                        .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
