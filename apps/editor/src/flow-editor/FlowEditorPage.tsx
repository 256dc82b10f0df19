import '@xyflow/react/dist/style.css';

import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';

import { errorCode, errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { FlowRecord } from '../api/types';
import { Link } from '../app/router';
import { useCanEdit } from '../auth/workspaceRole';
import { PublishButton } from '../publishing/PublishButton';
import { PublishProblemMarkers } from '../publishing/PublishProblemMarkers';
import { ErrorNotice } from '../ui/ErrorNotice';
import { VersionsPanel } from '../versions/VersionsPanel';
import { CallLogPanel } from './calls/CallLogPanel';
import { ConflictDialog } from './ConflictDialog';
import { openDocument, useEditorStore } from './editorStore';
import { ExportButton } from './ExportButton';
import { FlowCanvas } from './FlowCanvas';
import { LogicPalette } from './logic/LogicPalette';
import { EditorPanels } from './preview/EditorPanels';
import { SaveStatusBadge } from './SaveStatusBadge';
import { ComponentPalette } from './screens/ComponentPalette';
import { SidebarInspector } from './screens/SidebarInspector';
import { useAutosave } from './useAutosave';

function FlowEditor({ flow }: { flow: FlowRecord }) {
  const canEdit = useCanEdit();
  const autosave = useAutosave(flow.id, flow.revision, canEdit);
  const loaded = useEditorStore((state) => state.flowId === flow.id);
  const [callLogOpen, setCallLogOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);

  useEffect(() => {
    let open = true;
    void openDocument(flow.id, flow.graph, { stillOpen: () => open });

    return () => {
      open = false;
      useEditorStore.getState().unload();
    };
  }, [flow]);

  return (
    <div className="editor">
      <header className="editor__header">
        <Link to="/" className="editor__back">
          ← All flows
        </Link>
        <h1 className="editor__title">{flow.name}</h1>
        {canEdit ? (
          <SaveStatusBadge status={autosave.status} />
        ) : (
          <p className="editor__readonly" role="status">
            Read only: viewers look at a Flow; its endpoint screens preview for editors only
          </p>
        )}
        <button
          type="button"
          className="button"
          aria-expanded={callLogOpen}
          onClick={() => setCallLogOpen((open) => !open)}
        >
          {callLogOpen ? 'Hide call log' : 'Call log'}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={versionsOpen}
          onClick={() => setVersionsOpen((open) => !open)}
        >
          {versionsOpen ? 'Hide versions' : 'Versions'}
        </button>
        <ExportButton flowId={flow.id} flushChanges={autosave.flush} />
        {canEdit && <PublishButton flowId={flow.id} flushChanges={autosave.flush} />}
      </header>
      {loaded && (
        <ReactFlowProvider>
          <div className="editor__body">
            <FlowCanvas readOnly={!canEdit} />
            <PublishProblemMarkers flowId={flow.id} />
            <aside className="editor__sidebar">
              {canEdit && <ComponentPalette />}
              {canEdit && <LogicPalette />}
              {/* A disabled fieldset disables every control of the inspector at once. */}
              <fieldset className="editor__inspector" disabled={!canEdit}>
                <SidebarInspector />
              </fieldset>
            </aside>
            <EditorPanels flowId={flow.id} flowName={flow.name} flushChanges={autosave.flush} />
          </div>
        </ReactFlowProvider>
      )}
      {callLogOpen && <CallLogPanel flowId={flow.id} />}
      {versionsOpen && (
        <VersionsPanel flowId={flow.id} flushChanges={autosave.flush} reload={autosave.reload} />
      )}
      {autosave.status === 'conflict' && (
        <ConflictDialog onReload={autosave.reload} onOverwrite={autosave.overwrite} />
      )}
    </div>
  );
}

export function FlowEditorPage({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  // The editor owns the document once loaded; refetching behind its back would drop edits.
  const flow = useQuery(
    trpc.flows.get.queryOptions(
      { id: flowId },
      { staleTime: Infinity, gcTime: 0, refetchOnReconnect: false, refetchOnWindowFocus: false },
    ),
  );

  if (flow.isPending) {
    return (
      <p className="page" aria-live="polite">
        Loading flow…
      </p>
    );
  }
  if (flow.isError) {
    const title =
      errorCode(flow.error) === 'NOT_FOUND'
        ? 'This flow does not exist'
        : 'Could not open the flow';

    return (
      <main className="page">
        <ErrorNotice title={title}>
          <p>{errorMessage(flow.error)}</p>
          <Link to="/">Back to all flows</Link>
        </ErrorNotice>
      </main>
    );
  }

  return <FlowEditor key={flow.data.id} flow={flow.data} />;
}
