import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onDismiss: () => void;
}

/**
 * A modal built on the native <dialog>: `showModal` traps focus, makes the page behind it
 * inert and closes on Escape, which we route to `onDismiss` so React stays the owner of state.
 */
export function Dialog({ title, children, actions, onDismiss }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    // The browser restores focus only when a dialog closes in place; ours is removed from the
    // page, so focus goes back to the control that opened it by hand.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog !== null && !dialog.open) {
      dialog.showModal();
    }

    return () => {
      dialog?.close();
      if (opener?.isConnected === true) {
        opener.focus();
      }
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
