import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { errorCode } from '../api/errors';
import { useTRPC, useTRPCClient } from '../api/trpc';
import { createAutosaver, type Autosaver, type SaveStatus } from './autosaver';
import { currentDocument, openDocument, useEditorStore } from './editorStore';

export interface AutosaveControls {
  status: SaveStatus;
  flush: () => Promise<void>;
  reload: () => Promise<void>;
  overwrite: () => Promise<void>;
}

/**
 * Wires the editor store to `flows.save`: every position edit marks the document dirty and
 * the autosaver decides when to send it. Lives as long as the open flow. Without `enabled` (a
 * viewer, whom the server would refuse) nothing is ever sent.
 */
export function useAutosave(
  flowId: string,
  loadedRevision: number,
  enabled = true,
): AutosaveControls {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const autosaverRef = useRef<Autosaver | null>(null);

  useEffect(() => {
    const saver = createAutosaver({
      revision: loadedRevision,
      snapshot: () => currentDocument(flowId),
      save: async (graph, expectedRevision) => {
        if (graph === null) {
          throw new Error('The open flow changed before it could be saved.');
        }

        return client.flows.save.mutate({ id: flowId, expectedRevision, graph });
      },
      isConflict: (error) => errorCode(error) === 'CONFLICT',
      onStatus: setStatus,
      onSaved: () => void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
    });
    const unsubscribe = useEditorStore.subscribe((state, previous) => {
      if (enabled && state.documentEdits !== previous.documentEdits) {
        saver.markDirty();
      }
    });
    autosaverRef.current = saver;

    return () => {
      unsubscribe();
      saver.dispose();
      autosaverRef.current = null;
    };
  }, [flowId, loadedRevision, enabled, client, queryClient, trpc]);

  useEffect(() => {
    if (status === 'saved') {
      return undefined;
    }
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);

    return () => window.removeEventListener('beforeunload', warn);
  }, [status]);

  const flush = () => autosaverRef.current?.flush() ?? Promise.resolve();
  const reload = async () => {
    const latest = await client.flows.get.query({ id: flowId });
    await openDocument(flowId, latest.graph, {
      afterLoad: () => autosaverRef.current?.reset(latest.revision),
    });
  };
  const overwrite = async () => {
    const latest = await client.flows.get.query({ id: flowId });
    autosaverRef.current?.overwrite(latest.revision);
  };

  return { status, flush, reload, overwrite };
}
