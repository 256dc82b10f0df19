import { useEffect, useRef, useState } from 'react';

import { downloadText } from '../../ui/download';
import { useEditorStore } from '../editorStore';
import type { CompiledFlowView } from './compiledFlow';
import { useCanEdit } from '../../auth/workspaceRole';
import { importEditedText, type EditRefusal } from './importEdit';
import './json.css';

function refusalText(refusal: EditRefusal): string {
  const place =
    refusal.line === undefined ? '' : `Line ${refusal.line}, column ${refusal.column ?? 1}: `;

  return `${place}${refusal.message}`;
}

function fileNameOf(title: string): string {
  const base = title
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '');

  return `${base === '' ? 'flow' : base}.json`;
}

interface EditorProps {
  initial: string;
  onDone: () => void;
}

/** Edits the Flow JSON as text; applying imports it into the graph whole or not at all. */
function JsonEditor({ initial, onDone }: EditorProps) {
  const [text, setText] = useState(initial);
  const [refusal, setRefusal] = useState<EditRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const applyEdit = useEditorStore((state) => state.applyEdit);

  const apply = async () => {
    const current = useEditorStore.getState().document;
    if (current === null) {
      return;
    }
    setBusy(true);
    const result = await importEditedText(current, text);
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.refusal);

      return;
    }
    applyEdit(() => result.document);
    onDone();
  };

  return (
    <div className="json-panel__editor">
      <label className="json-panel__label" htmlFor="flow-json-edit">
        Flow JSON (editing)
      </label>
      <textarea
        id="flow-json-edit"
        className="json-panel__text"
        spellCheck={false}
        // Edit mode is asked for from the keyboard as often as with a pointer: start typing.
        autoFocus
        value={text}
        aria-invalid={refusal !== null}
        aria-describedby={refusal === null ? undefined : 'flow-json-refusal'}
        onChange={(event) => {
          setText(event.target.value);
          setRefusal(null);
        }}
      />
      {refusal !== null && (
        <p id="flow-json-refusal" className="field__error" role="alert">
          Not applied. {refusalText(refusal)}
        </p>
      )}
      <div className="json-panel__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void apply()}
        >
          Apply changes
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The compiled Flow JSON, live, with copy, download and an edit mode. */
export function JsonPanel({
  compiled,
  flowName,
}: {
  compiled: CompiledFlowView | null;
  flowName: string;
}) {
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Leaving edit mode puts the keyboard back on the Edit button.
  useEffect(() => {
    if (wasEditing.current && !editing) {
      editButton.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);
  if (compiled === null) {
    return null;
  }
  if (editing) {
    return <JsonEditor initial={compiled.text} onDone={() => setEditing(false)} />;
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(compiled.text);
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('The browser refused the clipboard; select the text and copy it instead.');
    }
  };

  return (
    <section className="json-panel" aria-label="Flow JSON">
      <div className="json-panel__actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <button
          type="button"
          className="button"
          onClick={() => downloadText(fileNameOf(flowName), compiled.text)}
        >
          Download
        </button>
        {canEdit && (
          <button
            ref={editButton}
            type="button"
            className="button"
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        )}
        <span className="json-panel__status" aria-live="polite">
          {status}
        </span>
      </div>
      <pre
        className="json-panel__text"
        tabIndex={0}
        aria-label="Compiled Flow JSON"
        data-testid="flow-json"
      >
        {compiled.text}
      </pre>
    </section>
  );
}
