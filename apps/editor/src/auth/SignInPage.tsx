import { useEffect, useRef, useState, type FormEvent } from 'react';

import {
  AuthRequestError,
  type SessionView,
  signInWithLink,
  signInWithPassword,
} from '../api/session';

/** The token of a one-time sign-in link (`/sign-in#link=…`), taken out of the address bar. */
function takeLinkToken(): string | null {
  const match = /[#&]link=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) {
    return null;
  }
  window.history.replaceState(null, '', '/');

  return decodeURIComponent(match[1]);
}

function messageOf(error: unknown): string {
  return error instanceof AuthRequestError
    ? error.message
    : 'The server could not be reached. Check that it is running and try again.';
}

export function SignInPage(props: { onSignedIn: (view: SessionView) => void }) {
  const { onSignedIn } = props;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [linkToken] = useState(takeLinkToken);
  const [busy, setBusy] = useState(linkToken !== null);
  const [problem, setProblem] = useState<string | null>(null);
  // A link works once: the development double-run of effects must not spend it twice.
  const linkUsed = useRef(false);

  useEffect(() => {
    if (linkToken === null || linkUsed.current) {
      return;
    }
    linkUsed.current = true;
    signInWithLink(linkToken).then(onSignedIn, (error: unknown) => {
      setProblem(messageOf(error));
      setBusy(false);
    });
  }, [linkToken, onSignedIn]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    signInWithPassword(email, password).then(onSignedIn, (error: unknown) => {
      setProblem(messageOf(error));
      setBusy(false);
    });
  };

  return (
    <main className="page sign-in">
      <h1>Sign in to Sanjay Flow</h1>
      <form className="sign-in__form" onSubmit={submit} aria-label="Sign in">
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          Sign in
        </button>
      </form>
      {problem !== null && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <p className="sign-in__help">
        First start? Open the one-time link the server printed. Lost it? Run{' '}
        <code>npx sflow sign-in-link --email you@example.com</code> with the server stopped.
      </p>
    </main>
  );
}
