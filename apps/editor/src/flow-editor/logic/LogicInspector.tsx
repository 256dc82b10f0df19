import { checkLogicNode, screenIdsOf, screenNodes, type GraphDocument } from '@sanjay-flow/graph';
import { isTrigger, portsOf, type LogicNode } from '@sanjay-flow/runtime';
import { useMemo, useState, type ReactNode } from 'react';

import { useEditorStore } from '../editorStore';
import type { LogicCanvasNode } from '../logicCanvasModel';
import { JsonInput, TextInput, problemsAt } from './fields';
import { kindLabel } from './logicLabels';
import { NODE_FORMS, type FormProps } from './nodeForms';
import { NodeExits } from './NodeExits';

function declaredKeys(document: GraphDocument): Record<string, string[]> {
  return Object.fromEntries(
    screenNodes(document).map((node) => {
      const data = node.screen.data;
      const keys = typeof data === 'object' && data !== null ? Object.keys(data) : [];

      return [typeof node.screen.id === 'string' ? node.screen.id : node.id, keys];
    }),
  );
}

function selectedLogicNode(nodes: readonly { selected?: boolean; type?: string }[]) {
  const selected = nodes.filter((node) => node.selected === true);

  return selected.length === 1 && selected[0]?.type !== 'screen'
    ? (selected[0] as LogicCanvasNode)
    : undefined;
}

/** The form of the kind, or the whole node as JSON for a kind this editor has no form for. */
function kindForm(props: FormProps<LogicNode>): ReactNode {
  if (!Object.hasOwn(NODE_FORMS, props.node.type)) {
    return (
      <JsonInput
        label="Node (JSON)"
        value={props.node}
        problems={props.problems}
        onChange={(value) => props.change(value as Partial<LogicNode>)}
      />
    );
  }
  const Form = NODE_FORMS[props.node.type] as (props: FormProps<LogicNode>) => ReactNode;

  return <Form {...props} />;
}

/**
 * Edits one logic node. The draft is checked against the kind's zod schema on every change
 * and stored (through autosave) whenever it passes; refusals and expression parse errors
 * show under their field. Program checks (a screen key left unmapped, …) are listed below.
 */
function NodeEditor({ canvasNode }: { canvasNode: LogicCanvasNode }) {
  const [draft, setDraft] = useState<LogicNode>(canvasNode.data.node);
  const document = useEditorStore((state) => state.document);
  const updateLogicNode = useEditorStore((state) => state.updateLogicNode);
  const removeLogicNodes = useEditorStore((state) => state.removeLogicNodes);
  const screens = useMemo(() => (document === null ? [] : screenIdsOf(document)), [document]);
  const screenKeys = useMemo(() => (document === null ? {} : declaredKeys(document)), [document]);
  const check = useMemo(() => checkLogicNode(draft), [draft]);
  const change = (patch: Partial<LogicNode>) => {
    const next = { ...draft, ...patch, id: draft.id, type: draft.type } as LogicNode;
    setDraft(next);
    const checked = checkLogicNode(next);
    if (checked.ok) {
      updateLogicNode(checked.node);
    }
  };
  const node = canvasNode.data.node;
  // Parse errors already show under their field; the list keeps what only the program knows.
  const shownByField = new Set(
    check.problems.map((problem) => `${problem.field}: ${problem.message}`),
  );
  const programProblems = canvasNode.data.problems.filter((problem) => !shownByField.has(problem));

  return (
    <section className="inspector" aria-label={`Inspector: ${kindLabel(node.type)} ${node.id}`}>
      <header className="inspector__header">
        <h2 className="inspector__title">{kindLabel(node.type)}</h2>
        <code className="inspector__id">{node.id}</code>
      </header>
      {!check.ok && (
        <p className="inspector__unsaved" aria-live="polite">
          Not saved until the problems below are fixed.
        </p>
      )}
      <TextInput
        label="Label"
        value={draft.label ?? ''}
        problems={problemsAt(check.problems, 'label')}
        onChange={(label) => change({ label: label === '' ? undefined : label })}
      />
      {kindForm({ node: draft, change, problems: check.problems, screens, screenKeys })}
      {portsOf(node).length > 0 && <NodeExits node={node} />}
      {programProblems.length > 0 && (
        <div className="inspector__checks" aria-label="Checks">
          <h3 className="field__label">When the logic runs</h3>
          <ul>
            {programProblems.map((problem) => (
              <li key={problem} className="field__error">
                {problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        className="button button--danger"
        onClick={() => removeLogicNodes([node.id])}
      >
        Delete {isTrigger(node) ? 'trigger' : 'step'}
      </button>
    </section>
  );
}

export function LogicInspector() {
  const canvasNode = useEditorStore((state) => selectedLogicNode(state.nodes));
  if (canvasNode === undefined) {
    return (
      <p className="inspector inspector--empty">
        Select a logic node to edit it, or add one from the list above.
      </p>
    );
  }

  return <NodeEditor key={canvasNode.id} canvasNode={canvasNode} />;
}
