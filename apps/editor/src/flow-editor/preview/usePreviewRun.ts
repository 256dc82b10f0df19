import { type FlowPlayer, type PlayerState, type Step } from '@sanjay-flow/flow-player';
import { logicOf, type GraphDocument } from '@sanjay-flow/graph';
import type { Session } from '@sanjay-flow/runtime';
import { useCallback, useMemo, useState } from 'react';

import { useTRPCClient } from '../../api/trpc';
import { useEditorStore } from '../editorStore';
import type { CompiledFlowView } from '../json/compiledFlow';
import {
  applyLocalStep,
  applyStep,
  playerOf,
  showScreen,
  startRun,
  tryStep,
  type EndpointAnswer,
  type EndpointRequest,
  type PreviewRun,
} from './previewRun';

/** The phone opens the Flow with the endpoint's INIT reply when its logic answers INIT. */
export function opensWithEndpoint(document: GraphDocument, flowJson: Record<string, unknown>) {
  return (
    flowJson.data_api_version !== undefined &&
    logicOf(document).nodes.some((node) => node.type === 'trigger.flow_opened')
  );
}

/** The screen id of a screen node (the two differ once a screen is renamed). */
function screenIdOf(compiled: CompiledFlowView, nodeId: string): string | undefined {
  const index = compiled.screenNodeIds.indexOf(nodeId);
  const screens = compiled.flowJson.screens;
  const screen = Array.isArray(screens)
    ? (screens[index] as { id?: unknown } | undefined)
    : undefined;

  return typeof screen?.id === 'string' ? screen.id : undefined;
}

function previewToken(): string {
  return `preview-${crypto.randomUUID()}`;
}

export interface PreviewControls {
  run: PreviewRun | null;
  player: FlowPlayer | undefined;
  /** Why the Flow cannot be played (errors in the Flow JSON). */
  unplayable: string | undefined;
  busy: boolean;
  /** Runs the Flow as a customer opens it: the endpoint's INIT first when it answers INIT. */
  runFromStart: () => void;
  input: (name: string, value: unknown) => void;
  press: (target: string) => void;
  back: () => void;
}

interface PreviewRunOptions {
  flowId: string;
  compiled: CompiledFlowView | null;
  /** Saves pending edits, so the server runs the logic the editor shows. */
  flushChanges: () => Promise<void>;
}

/** A run the user moved on from `base`, the screen shown before they acted. */
interface HeldRun {
  base: PreviewRun | null;
  run: PreviewRun;
}

/**
 * Plays the compiled Flow with `@sanjay-flow/flow-player`. The selected screen is shown with its
 * example data until the user acts or runs the Flow from the start; a changed Flow or another
 * selected screen shows that screen afresh. Endpoint requests go to the running server's
 * `preview.exchange`, which runs the saved logic and stores nothing.
 */
export function usePreviewRun({ flowId, compiled, flushChanges }: PreviewRunOptions) {
  const client = useTRPCClient();
  const document = useEditorStore((state) => state.document);
  const selectedNode = useEditorStore((state) => state.selection?.nodeId);
  const { player, error: unplayable } = useMemo(
    () => (compiled === null ? {} : playerOf(compiled.flowJson)),
    [compiled],
  );
  const shownScreen = compiled?.screenNodeIds.includes(selectedNode ?? '')
    ? screenIdOf(compiled, selectedNode ?? '')
    : undefined;
  // TODO: a screen shown from its example data has no endpoint session behind it: its first
  // endpoint request starts a fresh preview session, whose logic may miss what earlier
  // screens would have set. "Run from the start" plays the whole Flow instead.
  const base = useMemo(
    () => (player === undefined ? null : showScreen(player, previewToken(), shownScreen)),
    [player, shownScreen],
  );
  const [held, setHeld] = useState<HeldRun | null>(null);
  const [busy, setBusy] = useState(false);
  const run = held !== null && held.base === base ? held.run : base;
  const withEndpoint =
    document !== null && compiled !== null && opensWithEndpoint(document, compiled.flowJson);

  const endpoint = useCallback(
    async (request: EndpointRequest, session: unknown): Promise<EndpointAnswer> => {
      await flushChanges();
      const answer = await client.preview.exchange.mutate({
        flowId,
        session: session as Session | null,
        request,
      });

      return answer.ok
        ? answer
        : { reply: answer.reply, session: answer.session, error: answer.error };
    },
    [client, flowId, flushChanges],
  );

  // An answer that arrives after the Flow changed (or another screen was chosen) is held for
  // the screen shown before, so it never replaces the one shown now.
  const perform = useCallback(
    (work: () => Promise<PreviewRun>) => {
      setBusy(true);
      void work().then((next) => {
        setBusy(false);
        setHeld({ base, run: next });
      });
    },
    [base],
  );

  const runFromStart = useCallback(() => {
    if (player !== undefined) {
      const options = { flowToken: previewToken(), opensWithEndpoint: withEndpoint };
      perform(() => startRun(player, endpoint, options));
    }
  }, [player, withEndpoint, endpoint, perform]);

  const act = useCallback(
    (take: (player: FlowPlayer, state: PlayerState) => Step) => {
      if (player === undefined || run === null || run.state === null || busy) {
        return;
      }
      const state = run.state;
      const step = tryStep(run, () => take(player, state));
      if (!('kind' in step)) {
        setHeld({ base, run: step });
      } else if (step.kind === 'data_exchange') {
        perform(() => applyStep(player, endpoint, run, step));
      } else {
        setHeld({ base, run: applyLocalStep(run, step) });
      }
    },
    [player, run, busy, base, endpoint, perform],
  );

  return {
    run,
    player,
    unplayable,
    busy,
    runFromStart,
    input: (name: string, value: unknown) => act((p, state) => p.input(state, name, value)),
    press: (target: string) => act((p, state) => p.press(state, target)),
    back: () => act((p, state) => p.back(state)),
  } satisfies PreviewControls;
}
