import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';

import { useEditorStore } from '../editorStore';
import { copySelection, duplicateSelection, pasteClipboard, selectAll } from './editCommands';

/** Keys typed into a field or a dialog belong to it: its own undo, copy and paste. */
function belongsToAField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }

  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[role="dialog"]') !== null
  );
}

type Command = () => void;

/** The command for a key pressed with Ctrl (Cmd on a Mac), or `undefined`. */
function commandFor(event: KeyboardEvent, fitView: Command): Command | undefined {
  const { undo, redo } = useEditorStore.getState();
  const key = event.key.toLowerCase();
  if (key === 'z') {
    return event.shiftKey ? redo : undo;
  }
  const commands: Record<string, Command> = {
    y: redo,
    c: () => void copySelection(),
    v: () => void pasteClipboard(),
    d: duplicateSelection,
    a: selectAll,
    '0': fitView,
  };

  return event.shiftKey ? undefined : commands[key];
}

/**
 * Canvas shortcuts, with Ctrl or Cmd: Z undo, Shift+Z or Y redo, C copy, V paste, D duplicate,
 * A select all, 0 zoom to fit. Delete and Backspace are React Flow's own.
 */
export function useEditShortcuts(): void {
  const { fitView } = useReactFlow();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || belongsToAField(event.target)) {
        return;
      }
      const command = commandFor(event, () => void fitView({ padding: 0.15, duration: 200 }));
      if (command !== undefined) {
        event.preventDefault();
        command();
      }
    };
    window.addEventListener('keydown', onKeyDown);

    return () => window.removeEventListener('keydown', onKeyDown);
  }, [fitView]);
}
