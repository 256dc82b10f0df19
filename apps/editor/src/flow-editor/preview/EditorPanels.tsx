import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { useEditorStore } from '../editorStore';
import { useCompiledFlow } from '../json/compiledFlow';
import { JsonPanel } from '../json/JsonPanel';
import { countsByNode, flowProblems } from '../problems/flowProblems';
import { useProblemMarks } from '../problems/problemMarks';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { PhonePreview } from './PhonePreview';

const TABS = ['preview', 'problems', 'json'] as const;
type Tab = (typeof TABS)[number];

interface EditorPanelsProps {
  flowId: string;
  flowName: string;
  flushChanges: () => Promise<void>;
}

function useFlowProblems() {
  const document = useEditorStore((state) => state.document);
  const compiled = useCompiledFlow();
  const problems = useMemo(
    () => (document === null || compiled === null ? [] : flowProblems(document, compiled)),
    [document, compiled],
  );
  const setCounts = useProblemMarks((state) => state.setCounts);
  useEffect(() => {
    setCounts(countsByNode(problems));

    return () => setCounts({});
  }, [problems, setCounts]);

  return { compiled, problems };
}

/**
 * The dock beside the canvas: the phone preview, the problems and the compiled Flow JSON, one
 * at a time behind tabs that the arrow keys move between.
 */
export function EditorPanels({ flowId, flowName, flushChanges }: EditorPanelsProps) {
  const [tab, setTab] = useState<Tab>('preview');
  const { compiled, problems } = useFlowProblems();
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const labels: Record<Tab, string> = {
    preview: 'Preview',
    problems: problems.length === 0 ? 'Problems' : `Problems (${problems.length})`,
    json: 'JSON',
  };

  const moveFocus = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    const index = TABS.indexOf(tab);
    const next =
      event.key === 'Home'
        ? TABS[0]
        : event.key === 'End'
          ? TABS[TABS.length - 1]
          : step === undefined
            ? undefined
            : TABS[(index + step + TABS.length) % TABS.length];
    if (next !== undefined) {
      event.preventDefault();
      setTab(next);
      tabRefs.current.get(next)?.focus();
    }
  };

  return (
    <aside className="editor-panels" aria-label="Preview, problems and Flow JSON">
      <div className="editor-panels__tabs" role="tablist" aria-label="Panels" onKeyDown={moveFocus}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              if (element !== null) {
                tabRefs.current.set(name, element);
              }
            }}
            type="button"
            role="tab"
            id={`panel-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={`editor-panels__tab${name === 'problems' && errors > 0 ? ' editor-panels__tab--errors' : ''}`}
            onClick={() => setTab(name)}
          >
            {labels[name]}
          </button>
        ))}
      </div>
      <div
        className="editor-panels__panel"
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`panel-tab-${tab}`}
      >
        {tab === 'preview' && (
          <PhonePreview flowId={flowId} compiled={compiled} flushChanges={flushChanges} />
        )}
        {tab === 'problems' && <ProblemsPanel problems={problems} />}
        {tab === 'json' && <JsonPanel compiled={compiled} flowName={flowName} />}
      </div>
    </aside>
  );
}
