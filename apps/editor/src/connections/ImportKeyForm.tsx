import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

import { importProblems } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { keyImportProblem } from './connectionForm';

/**
 * Makes a private key the business already has the active one: PKCS#1 or PKCS#8 PEM, with the
 * passphrase of an encrypted PKCS#8 key. The server reads the key at once and says what is
 * wrong with it, so a bad key never reaches the data endpoint.
 */
export function ImportKeyForm(props: { connectionId: string; onImported: () => Promise<void> }) {
  const trpc = useTRPC();
  const id = useId();
  const [pem, setPem] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const importKey = useMutation(
    trpc.connections.keys.import.mutationOptions({
      onSuccess: async () => {
        setPem('');
        setPassphrase('');
        await props.onImported();
      },
    }),
  );
  const problems = importProblems(importKey.error);
  const passphraseProblems = problems.filter((problem) => problem.pointer === '/passphrase');
  const keyProblem = keyImportProblem(importKey.error, problems);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    importKey.mutate({
      connectionId: props.connectionId,
      privateKeyPem: pem,
      ...(passphrase === '' ? {} : { passphrase }),
    });
  };

  return (
    <form className="key-import" onSubmit={onSubmit} aria-label="Import a private key">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-pem`}>
          Private key (PEM: PKCS#1 or PKCS#8, encrypted or not)
        </label>
        <textarea
          id={`${id}-pem`}
          className="input key-import__pem"
          rows={6}
          spellCheck={false}
          value={pem}
          aria-invalid={keyProblem !== null}
          aria-describedby={`${id}-pem-problem`}
          onChange={(event) => setPem(event.target.value)}
        />
        <p id={`${id}-pem-problem`} className="field__error" role="alert">
          {keyProblem}
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-passphrase`}>
          Passphrase (encrypted keys only)
        </label>
        <input
          id={`${id}-passphrase`}
          className="input"
          type="password"
          autoComplete="off"
          value={passphrase}
          aria-invalid={passphraseProblems.length > 0}
          onChange={(event) => setPassphrase(event.target.value)}
        />
        {passphraseProblems.map((problem) => (
          <p key={problem.message} className="field__error">
            {problem.message}
          </p>
        ))}
      </div>
      <button type="submit" className="button" disabled={importKey.isPending || pem === ''}>
        Import key
      </button>
    </form>
  );
}
