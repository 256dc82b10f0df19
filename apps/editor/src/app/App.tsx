import { FlowEditorPage } from '../flow-editor/FlowEditorPage';
import { FlowsListPage } from '../flows-list/FlowsListPage';
import { Link, useRoute } from './router';

export function App() {
  const route = useRoute();

  switch (route.view) {
    case 'flows':
      return <FlowsListPage />;
    case 'flow':
      return <FlowEditorPage key={route.flowId} flowId={route.flowId} />;
    case 'not-found':
      return (
        <main className="page">
          <h1>Page not found</h1>
          <Link to="/">Back to all flows</Link>
        </main>
      );
  }
}
