import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';

import { fetchSession, type SessionView, SIGNED_OUT_EVENT } from '../api/session';
import { navigate } from '../app/router';
import { AccountBar } from './AccountBar';
import { SignInPage } from './SignInPage';
import { WorkspaceRoleContext } from './workspaceRole';

type State =
  { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; view: SessionView };

/**
 * Shows the sign-in page until someone is signed in, then the editor under an account bar.
 * Any 401 from the API (an expired or ended session) brings the sign-in page back.
 */
export function AuthGate(props: { children: ReactNode }) {
  // A one-time link is for the sign-in page to use, whoever is signed in now.
  const [state, setState] = useState<State>(() =>
    window.location.hash.includes('link=') ? { kind: 'signed-out' } : { kind: 'loading' },
  );
  const [startedWithLink] = useState(state.kind === 'signed-out');
  const queryClient = useQueryClient();
  const signedIn = useCallback(
    (view: SessionView) => {
      queryClient.clear();
      setState({ kind: 'signed-in', view });
      if (window.location.pathname === '/sign-in') {
        navigate('/');
      }
    },
    [queryClient],
  );
  const signedOut = useCallback(() => setState({ kind: 'signed-out' }), []);

  useEffect(() => {
    if (!startedWithLink) {
      void fetchSession().then(
        (view) => (view ? signedIn(view) : signedOut()),
        () => signedOut(),
      );
    }
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);

    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, [signedIn, signedOut, startedWithLink]);

  if (state.kind === 'loading') {
    return <p className="page">Loading…</p>;
  }
  if (state.kind === 'signed-out') {
    return <SignInPage onSignedIn={signedIn} />;
  }

  return (
    <>
      <AccountBar
        view={state.view}
        onChange={(view) => setState({ kind: 'signed-in', view })}
        onSignedOut={signedOut}
      />
      <WorkspaceRoleContext value={state.view.workspace?.role ?? 'viewer'}>
        {props.children}
      </WorkspaceRoleContext>
    </>
  );
}
