import { useState } from 'react';

/** Copies `text` to the clipboard and says so, or says to copy it by hand. */
export function CopyButton(props: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setStatus('Copied.');
    } catch {
      setStatus('The browser refused the clipboard; select the text and copy it instead.');
    }
  };

  return (
    <>
      <button type="button" className="button" aria-label={props.label} onClick={() => void copy()}>
        Copy
      </button>
      <span role="status"> {status}</span>
    </>
  );
}
