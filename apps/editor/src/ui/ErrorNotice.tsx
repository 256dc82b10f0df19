import type { ReactNode } from 'react';

export function ErrorNotice(props: {
  title: string;
  children?: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice__content">
        <strong>{props.title}</strong>
        {props.children}
      </div>
      {props.onDismiss !== undefined && (
        <button type="button" className="button button--quiet" onClick={props.onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
