import { useState, type FormEvent } from 'react';

import { AuthRequestError, choosePassword } from '../api/session';

/** Shown until a user who came in by a one-time link has chosen a password. */
export function ChoosePasswordForm(props: { onChosen: () => void }) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    choosePassword(password).then(props.onChosen, (error: unknown) =>
      setProblem(error instanceof AuthRequestError ? error.message : 'The password was not saved'),
    );
  };

  return (
    <form className="toolbar" onSubmit={submit} aria-label="Choose a password">
      <label>
        Choose a password (10 characters or more)
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary">
        Save password
      </button>
      {problem !== null && <span role="alert">{problem}</span>}
    </form>
  );
}
