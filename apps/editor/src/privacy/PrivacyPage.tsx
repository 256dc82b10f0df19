import './privacy.css';

import { Link } from '../app/router';
import { AuditLogSection } from './AuditLogSection';
import { RetentionSection } from './RetentionSection';
import { SubjectRequestSection } from './SubjectRequestSection';

/**
 * The workspace's data lifecycle: how long each class of data is kept and when it goes,
 * customers' requests for a copy or the erasure of their data, and the audit log.
 */
export function PrivacyPage() {
  return (
    <main className="page privacy-page">
      <header className="page__header">
        <p>
          <Link to="/">All flows</Link>
        </p>
        <h1>Privacy and data</h1>
      </header>
      <RetentionSection />
      <SubjectRequestSection />
      <AuditLogSection />
    </main>
  );
}
