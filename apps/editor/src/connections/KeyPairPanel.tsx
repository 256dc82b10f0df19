import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { useCanEdit } from '../auth/workspaceRole';
import { ErrorNotice } from '../ui/ErrorNotice';
import { type ConnectionView, type KeyPairView, retiringKeys } from './connectionForm';
import { CopyButton } from './CopyButton';
import { ImportKeyForm } from './ImportKeyForm';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (value: string) => dateFormat.format(new Date(value));

function ActiveKey({ keyPair }: { keyPair: KeyPairView }) {
  return (
    <div className="key-pair">
      <dl className="key-pair__facts">
        <dt>Fingerprint (SHA-256)</dt>
        <dd>
          <code>{keyPair.fingerprint}</code>
        </dd>
        <dt>Created</dt>
        <dd>{formatDate(keyPair.createdAt)}</dd>
        <dt>Uploaded to Meta</dt>
        <dd>{keyPair.uploadedAt === null ? 'not yet' : formatDate(keyPair.uploadedAt)}</dd>
        <dt>Signature status at Meta</dt>
        <dd data-testid="signature-status">{keyPair.signatureStatus ?? 'not checked yet'}</dd>
      </dl>
      <p className="key-pair__pem-title">
        Public key <CopyButton text={keyPair.publicKeyPem} label="Copy the public key" />
      </p>
      <pre className="key-pair__pem" aria-label="Public key">
        {keyPair.publicKeyPem}
      </pre>
    </div>
  );
}

function RetiringKeys({ keys }: { keys: readonly KeyPairView[] }) {
  if (keys.length === 0) {
    return null;
  }

  return (
    <ul className="key-pair__retiring">
      {keys.map((key) => (
        <li key={key.id}>
          The previous key <code>{key.fingerprint.slice(0, 16)}…</code> is still accepted until{' '}
          {key.retiresAt === null ? 'it retires' : formatDate(key.retiresAt)}, for phones that still
          encrypt with it.
        </li>
      ))}
    </ul>
  );
}

/**
 * The data endpoint's key pair of one connection: Meta encrypts each request with the public
 * key uploaded to the phone number, and the server decrypts with the private key, which never
 * leaves it.
 */
export function KeyPairPanel({ connection }: { connection: ConnectionView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = useCanEdit();
  const connectionId = connection.id;
  const keys = useQuery(trpc.connections.keys.list.queryOptions({ connectionId }));
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.connections.keys.list.queryKey() });
  const generate = useMutation(
    trpc.connections.keys.generate.mutationOptions({ onSettled: refresh }),
  );
  const rotate = useMutation(trpc.connections.keys.rotate.mutationOptions({ onSettled: refresh }));
  const upload = useMutation(trpc.connections.keys.upload.mutationOptions({ onSettled: refresh }));
  const failure = generate.error ?? rotate.error ?? upload.error;
  const active = keys.data?.find((key) => key.status === 'active');
  const busy = generate.isPending || rotate.isPending || upload.isPending;

  return (
    <section className="key-pair-panel" aria-labelledby={`keys-${connectionId}`}>
      <h2 id={`keys-${connectionId}`}>Key pair of {connection.name}</h2>
      {keys.isError && (
        <ErrorNotice title="Could not load the key pair">{errorMessage(keys.error)}</ErrorNotice>
      )}
      {keys.isSuccess && active === undefined && (
        <p>No key pair yet: generate one here, or import the private key you already use.</p>
      )}
      {active !== undefined && <ActiveKey keyPair={active} />}
      <RetiringKeys keys={retiringKeys(keys.data ?? [])} />
      {upload.data !== undefined && (
        <p className="notice" role="status">
          Meta reports the signature as {upload.data.signatureStatus ?? 'missing'}
          {upload.data.publicKeyMatches
            ? '.'
            : ', and holds another public key: upload this one again.'}
        </p>
      )}
      {rotate.data !== undefined && (
        <p className="notice" role="status">
          A new key is active. The previous key is still accepted during the grace period; upload
          the new public key so Meta encrypts with it.
        </p>
      )}
      {failure !== null && (
        <ErrorNotice title="The key pair change failed">{errorMessage(failure)}</ErrorNotice>
      )}
      {canEdit && keys.isSuccess && (
        <div className="key-pair-panel__actions">
          {active === undefined ? (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => generate.mutate({ connectionId })}
            >
              Generate RSA-2048 key pair
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => upload.mutate({ connectionId }, { onSuccess: () => rotate.reset() })}
              >
                {upload.isPending ? 'Uploading…' : 'Upload the public key to Meta'}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => rotate.mutate({ connectionId }, { onSuccess: () => upload.reset() })}
              >
                Rotate the key pair
              </button>
            </>
          )}
        </div>
      )}
      {canEdit && keys.isSuccess && (
        <details className="key-pair-panel__import">
          <summary>
            {active === undefined ? 'Import a private key' : 'Replace with an imported key'}
          </summary>
          <ImportKeyForm connectionId={connectionId} onImported={refresh} />
        </details>
      )}
    </section>
  );
}
