import { lazy, Suspense } from 'react';

import { AuthGate } from '../auth/AuthGate';
import { MembersPage } from '../auth/MembersPage';
import { ConnectionsPage } from '../connections/ConnectionsPage';
import { FlowsListPage } from '../flows-list/FlowsListPage';
import { PrivacyPage } from '../privacy/PrivacyPage';
import { PullPage } from '../publishing/PullPage';
import { ResponsesPage } from '../responses/ResponsesPage';
import { Link, useRoute } from './router';

// The canvas (React Flow and the graph model) loads only when a flow is opened.
const FlowEditorPage = lazy(() =>
  import('../flow-editor/FlowEditorPage').then((module) => ({ default: module.FlowEditorPage })),
);

export function App() {
  return (
    <AuthGate>
      <Page />
    </AuthGate>
  );
}

function Page() {
  const route = useRoute();

  switch (route.view) {
    case 'flows':
      return <FlowsListPage />;
    case 'flow':
      return (
        <Suspense fallback={<p className="page">Loading editor…</p>}>
          <FlowEditorPage key={route.flowId} flowId={route.flowId} />
        </Suspense>
      );
    case 'responses':
      return <ResponsesPage key={route.flowId} flowId={route.flowId} />;
    case 'pull':
      return <PullPage />;
    case 'privacy':
      return <PrivacyPage />;
    case 'members':
      return <MembersPage />;
    case 'connections':
      return <ConnectionsPage />;
    case 'not-found':
      return (
        <main className="page">
          <h1>Page not found</h1>
          <Link to="/">Back to all flows</Link>
        </main>
      );
  }
}
