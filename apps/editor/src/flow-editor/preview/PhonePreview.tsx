import type { ScreenView } from '@sanjay-flow/flow-player';
import { useState } from 'react';

import type { CompiledFlowView } from '../json/compiledFlow';
import { CompletionView } from './CompletionView';
import { ExchangeList } from './ExchangeList';
import './preview.css';
import type { Notice } from './previewRun';
import { ShownComponent } from './ShownComponent';
import { usePreviewRun, type PreviewControls } from './usePreviewRun';

interface PhonePreviewProps {
  flowId: string;
  compiled: CompiledFlowView | null;
  flushChanges: () => Promise<void>;
}

function NoticeLine({ notice }: { notice: Notice }) {
  switch (notice.kind) {
    case 'invalid':
      return (
        <p className="phone-notice" role="alert">
          Not sent: {notice.errors.map((error) => `${error.name}: ${error.message}`).join('; ')}
        </p>
      );
    case 'open_url':
      // TODO: the address is named, not opened: the preview never leaves the editor.
      return <p className="phone-notice">The phone opens {notice.url} in the browser.</p>;
    case 'closed':
      return <p className="phone-notice">The customer closed the Flow.</p>;
    case 'failure':
      return (
        <p className="phone-notice phone-notice--failure" role="alert">
          {notice.message}
        </p>
      );
  }
}

function Screen({ view, controls }: { view: ScreenView; controls: PreviewControls }) {
  const invalid = controls.run?.notice?.kind === 'invalid';
  const finished = controls.run?.state?.status !== 'open';

  return (
    <>
      <header className="phone__bar">
        <button
          type="button"
          className="phone__back"
          aria-label="Back"
          disabled={controls.busy || finished}
          onClick={controls.back}
        >
          ←
        </button>
        <h3 className="phone__title">{view.title ?? view.screen}</h3>
      </header>
      <div className="phone__body" aria-busy={controls.busy}>
        {view.components.map((component) => (
          <ShownComponent
            key={`${view.screen}${component.pointer}`}
            component={component}
            view={view}
            showErrors={invalid || component.input?.value !== undefined}
            disabled={controls.busy || finished}
            onInput={controls.input}
            onPress={controls.press}
          />
        ))}
      </div>
      {view.errorMessage !== undefined && (
        <p className="phone__snackbar" aria-live="polite">
          {view.errorMessage}
        </p>
      )}
    </>
  );
}

/** The shown screen, or why the player cannot show it (the preview never takes the page down). */
function viewOf({ player, run }: PreviewControls): { view?: ScreenView; failure?: string } {
  if (player === undefined || run === null || run.state === null) {
    return {};
  }
  try {
    return { view: player.view(run.state) };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The phone preview: the selected screen as WhatsApp draws it, in light or dark, played with
 * `@sanjay-flow/flow-player`. Endpoint screens are answered by the server's preview runner.
 */
export function PhonePreview({ flowId, compiled, flushChanges }: PhonePreviewProps) {
  const controls = usePreviewRun({ flowId, compiled, flushChanges });
  const [dark, setDark] = useState(false);
  const { run } = controls;
  const shown = viewOf(controls);

  return (
    <section className="phone-preview" aria-label="Phone preview">
      <p className="phone-preview__badge">
        Preview: endpoint screens run your saved logic on this server; nothing is stored, sent or
        delivered.
      </p>
      <div className="phone-preview__toolbar">
        <button type="button" className="button" onClick={controls.runFromStart}>
          Run from the start
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={dark}
          onClick={() => setDark((on) => !on)}
        >
          Dark mode
        </button>
      </div>
      {controls.unplayable !== undefined && (
        <p className="phone-notice phone-notice--failure">
          The phone cannot show this Flow yet: {controls.unplayable}
        </p>
      )}
      <div className={`phone${dark ? ' phone--dark' : ''}`} data-theme={dark ? 'dark' : 'light'}>
        {shown.view !== undefined && <Screen view={shown.view} controls={controls} />}
        {controls.busy && <p className="phone__loading">Waiting for the endpoint…</p>}
      </div>
      {shown.failure !== undefined && (
        <p className="phone-notice phone-notice--failure">
          The phone cannot show this screen: {shown.failure}
        </p>
      )}
      {run?.notice != null && <NoticeLine notice={run.notice} />}
      {run?.completion != null && <CompletionView completion={run.completion} />}
      {run !== null && run.exchanges.length > 0 && <ExchangeList exchanges={run.exchanges} />}
    </section>
  );
}
