import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { Link } from '../app/router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ListTable } from '../ui/ListTable';
import { TokensSection } from './TokensSection';

type Role = 'owner' | 'editor' | 'viewer';
const ROLE_CHOICES: Role[] = ['viewer', 'editor', 'owner'];

function RoleSelect(props: { label: string; value: Role; onChange: (role: Role) => void }) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as Role)}
    >
      {ROLE_CHOICES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

function AddMemberForm(props: { onAdded: (linkPath: string | null, email: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: async (answer) => {
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
        props.onAdded(answer.signInLinkPath, email);
        setEmail('');
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ email, role });
  };

  return (
    <form className="toolbar" onSubmit={submit} aria-label="Add a member">
      <label>
        Email
        <input
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <RoleSelect label="Role of the new member" value={role} onChange={setRole} />
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        Add member
      </button>
      {add.error && <span role="alert">{errorMessage(add.error)}</span>}
    </form>
  );
}

function MembersSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions());
  const [handover, setHandover] = useState<{ email: string; link: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSettled: refresh }));
  const failure = changeRole.error ?? remove.error;

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <AddMemberForm
        onAdded={(linkPath, email) =>
          setHandover(linkPath ? { email, link: `${window.location.origin}${linkPath}` } : null)
        }
      />
      {handover && (
        <p className="notice" role="status">
          Give {handover.email} this one-time sign-in link (shown once, valid 24 hours):{' '}
          <code>{handover.link}</code>
        </p>
      )}
      {failure && <ErrorNotice title="The change was refused">{errorMessage(failure)}</ErrorNotice>}
      {members.error && <ErrorNotice title="Members could not be loaded" />}
      <ListTable caption="Members" columns={['Email', 'Role', 'Password']}>
        {(members.data ?? []).map((member) => (
          <tr key={member.userId}>
            <td>{member.email}</td>
            <td>
              <RoleSelect
                label={`Role of ${member.email}`}
                value={member.role}
                onChange={(role) => changeRole.mutate({ userId: member.userId, role })}
              />
            </td>
            <td>{member.hasPassword ? 'set' : 'not yet'}</td>
            <td>
              <button
                type="button"
                className="button button--danger"
                aria-label={`Remove ${member.email}`}
                onClick={() => remove.mutate({ userId: member.userId })}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

/** For owners: who may work in the workspace, with which role, and the API tokens. */
export function MembersPage() {
  return (
    <main className="page">
      <header className="page__header">
        <h1>Members and API tokens</h1>
        <p>
          <Link to="/">Back to all flows</Link>
        </p>
      </header>
      <MembersSection />
      <TokensSection />
    </main>
  );
}
