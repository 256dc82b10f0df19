import { isAtLeast, isJsonObject } from '@sanjay-flow/flow-json';
import {
  flowVersionOf,
  removeScreen,
  screenNode,
  updateScreenProperties,
  type GraphDocument,
  type ScopeReference,
} from '@sanjay-flow/graph';

import { useEditorStore } from '../editorStore';
import { DataModelEditor } from './DataModelEditor';
import { inspectorFieldId } from './fieldIds';
import { ScreenIdField } from './ScreenIdField';
import { FieldFrame, TextField } from './inspectorFields';
import type { ScreenProblem } from './screenProblems';
import { componentProblems } from './screenProblems';

interface ScreenInspectorProps {
  document: GraphDocument;
  nodeId: string;
  problems: readonly ScreenProblem[];
  references: readonly ScopeReference[];
}

const FLAGS = [
  { property: 'terminal', label: 'Ends the Flow (terminal)', since: '2.1' },
  { property: 'success', label: 'Ending counts as success', since: '3.1' },
  { property: 'refresh_on_back', label: 'Ask the endpoint again on back', since: '3.0' },
] as const;

/** Edits a screen: its title, whether it ends the Flow, and the data it receives. */
export function ScreenInspector({ document, nodeId, problems, references }: ScreenInspectorProps) {
  const applyEdit = useEditorStore((state) => state.applyEdit);
  const screen = screenNode(document, nodeId).screen;
  const version = flowVersionOf(document);
  const own = componentProblems(problems, nodeId, '');
  const dataProblems = new Map(
    problems
      .filter((found) => found.nodeId === nodeId && found.pointer.startsWith('/data/'))
      .map((found) => [found.pointer.split('/')[2] ?? '', [found.problem.message]]),
  );
  const set = (property: string, value: unknown) =>
    applyEdit((doc) => updateScreenProperties(doc, nodeId, { [property]: value }));
  const screenWide = [
    ...(own.get('') ?? []),
    ...(own.get('layout') ?? []),
    ...(own.get('id') ?? []),
  ];

  return (
    <section className="inspector" aria-label={`Inspector: screen ${String(screen.id)}`}>
      <header className="inspector__header">
        <h2 className="inspector__title">Screen</h2>
        <code className="inspector__id">{String(screen.id)}</code>
      </header>
      {screenWide.map((problem) => (
        <p key={problem} className="field__error inspector__problem">
          {problem}
        </p>
      ))}
      <ScreenIdField
        key={String(screen.id)}
        document={document}
        nodeId={nodeId}
        id={typeof screen.id === 'string' ? screen.id : nodeId}
      />
      <TextField
        id={inspectorFieldId(nodeId, '', 'title')}
        label="Title"
        value={typeof screen.title === 'string' ? screen.title : ''}
        references={references}
        problems={own.get('title') ?? []}
        onChange={(title) => set('title', title === '' ? undefined : title)}
      />
      {FLAGS.filter((flag) => isAtLeast(version, flag.since)).map((flag) => {
        const id = inspectorFieldId(nodeId, '', flag.property);

        return (
          <FieldFrame
            key={flag.property}
            id={id}
            label={flag.label}
            problems={own.get(flag.property) ?? []}
          >
            <input
              id={id}
              type="checkbox"
              checked={screen[flag.property] === true}
              onChange={(event) => set(flag.property, event.target.checked ? true : undefined)}
            />
          </FieldFrame>
        );
      })}
      <DataModelEditor
        nodeId={nodeId}
        data={isJsonObject(screen.data) ? screen.data : {}}
        problems={dataProblems}
        onChange={(data) => set('data', data)}
      />
      <button
        type="button"
        className="button button--danger"
        onClick={() => applyEdit((doc) => removeScreen(doc, nodeId))}
      >
        Delete screen
      </button>
    </section>
  );
}
