import './privacy.css';

import { Link } from '../app/router';
import { useIsOwner } from '../auth/workspaceRole';
import { AuditLogSection } from './AuditLogSection';
import { RetentionSection } from './RetentionSection';
import { SubjectRequestSection } from './SubjectRequestSection';

/**
 * The workspace's data lifecycle: how long each class of data is kept and when it goes,
 * customers' requests for a copy or the erasure of their data, and the audit log. Members who
 * are not owners read the periods and the audit log; changing a period and handling a
 * customer's request are for owners.
 */
export function PrivacyPage() {
  const isOwner = useIsOwner();

  return (
    <main className="page privacy-page">
      <header className="page__header">
        <p>
          <Link to="/">All flows</Link>
        </p>
        <h1>Privacy and data</h1>
        {!isOwner && (
          <p role="status">
            Only an owner changes how long data is kept or handles a customer&apos;s request for
            their data.
          </p>
        )}
      </header>
      {/* A disabled fieldset disables the retention form's fields and its button at once. */}
      <fieldset className="privacy-page__retention" disabled={!isOwner}>
        <RetentionSection />
      </fieldset>
      {isOwner && <SubjectRequestSection />}
      <AuditLogSection />
    </main>
  );
}
