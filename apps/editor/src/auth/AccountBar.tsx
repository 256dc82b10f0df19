import { useQueryClient } from '@tanstack/react-query';

import { chooseWorkspace, type SessionView, signOut } from '../api/session';
import { Link, MEMBERS_PATH, navigate } from '../app/router';
import { ChoosePasswordForm } from './ChoosePasswordForm';

/** Who is signed in, in which workspace and role; the workspace switch and sign-out. */
export function AccountBar(props: {
  view: SessionView;
  onChange: (view: SessionView) => void;
  onSignedOut: () => void;
}) {
  const { view, onChange, onSignedOut } = props;
  const queryClient = useQueryClient();
  const switchTo = (workspaceId: string) => {
    void chooseWorkspace(workspaceId).then((next) => {
      queryClient.clear();
      onChange(next);
      navigate('/');
    });
  };

  return (
    <header className="account-bar" aria-label="Account">
      <span>
        Signed in as <strong>{view.user.email}</strong>
      </span>
      {view.workspaces.length > 1 ? (
        <label>
          Workspace
          <select
            value={view.workspace?.id ?? ''}
            onChange={(event) => switchTo(event.target.value)}
          >
            {view.workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span>
          Workspace <strong>{view.workspace?.name ?? 'none'}</strong>
        </span>
      )}
      <span>Role: {view.workspace?.role ?? 'none'}</span>
      {view.workspace?.role === 'owner' && <Link to={MEMBERS_PATH}>Members and API tokens</Link>}
      <button
        type="button"
        className="button button--quiet"
        onClick={() => void signOut().finally(onSignedOut)}
      >
        Sign out
      </button>
      {!view.user.hasPassword && (
        <ChoosePasswordForm
          onChosen={() => onChange({ ...view, user: { ...view.user, hasPassword: true } })}
        />
      )}
    </header>
  );
}
