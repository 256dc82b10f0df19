import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';

import { useEditorStore } from '../editorStore';
import {
  copySelection,
  deleteSelection,
  duplicateSelection,
  layoutAll,
  pasteClipboard,
} from './editCommands';
import { useEditShortcuts } from './useEditShortcuts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? 'Meta' : 'Control';

interface ToolProps {
  label: string;
  keys?: string;
  disabled?: boolean;
  onClick: () => void;
}

function Tool({ label, keys, disabled = false, onClick }: ToolProps) {
  const hint = keys === undefined ? label : `${label} (${keys.replaceAll('Control', 'Ctrl')})`;

  return (
    <button
      type="button"
      className="button button--quiet edit-toolbar__button"
      aria-keyshortcuts={keys}
      title={hint}
      disabled={disabled}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

/** Undo, redo and the selection tools, each with its keyboard shortcut. */
export function EditToolbar() {
  useEditShortcuts();
  const { fitView } = useReactFlow();
  const canUndo = useEditorStore((state) => state.history.past.length > 0);
  const canRedo = useEditorStore((state) => state.history.future.length > 0);
  const undo = useEditorStore((state) => state.undo);
  const redo = useEditorStore((state) => state.redo);
  const selected = useEditorStore((state) => state.nodes.filter((node) => node.selected).length);
  const [notice, setNotice] = useState('');
  const copy = () => {
    const count = copySelection();
    setNotice(`Copied ${count} node${count === 1 ? '' : 's'}`);
  };
  const paste = () => setNotice(pasteClipboard() ? 'Pasted' : 'Nothing copied yet');
  const layout = async () => {
    await layoutAll();
    // The new positions are drawn first, then framed.
    window.requestAnimationFrame(() => void fitView({ padding: 0.15, duration: 200 }));
  };

  return (
    <div className="edit-toolbar" role="toolbar" aria-label="Edit">
      <Tool label="Undo" keys={`${mod}+Z`} disabled={!canUndo} onClick={undo} />
      <Tool label="Redo" keys={`${mod}+Shift+Z`} disabled={!canRedo} onClick={redo} />
      <Tool label="Copy" keys={`${mod}+C`} disabled={selected === 0} onClick={copy} />
      <Tool label="Paste" keys={`${mod}+V`} onClick={paste} />
      <Tool
        label="Duplicate"
        keys={`${mod}+D`}
        disabled={selected === 0}
        onClick={duplicateSelection}
      />
      <Tool label="Delete" keys="Delete" disabled={selected === 0} onClick={deleteSelection} />
      <Tool label="Auto layout" onClick={() => void layout()} />
      <Tool
        label="Zoom to fit"
        keys={`${mod}+0`}
        onClick={() => void fitView({ padding: 0.15, duration: 200 })}
      />
      <span className="edit-toolbar__notice" aria-live="polite">
        {notice}
      </span>
    </div>
  );
}
