import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { RouterOutputs } from '../api/types';
import { Dialog } from '../ui/Dialog';
import { downloadText } from '../ui/download';
import { ErrorNotice } from '../ui/ErrorNotice';
import { phoneDigits } from './retentionForm';

type Erased = RouterOutputs['privacy']['eraseSubject']['erased'];

/** A customer's request, handled by an owner: a copy of their data, or its erasure. */
export function SubjectRequestSection() {
  const trpc = useTRPC();
  const [phone, setPhone] = useState('');
  const [confirming, setConfirming] = useState(false);
  const exportData = useMutation(
    trpc.privacy.exportSubject.mutationOptions({
      onSuccess: (copy) =>
        downloadText(`customer-data-${copy.phone}.json`, `${JSON.stringify(copy, null, 2)}\n`),
    }),
  );
  const erase = useMutation(trpc.privacy.eraseSubject.mutationOptions());
  const onExport = (event: FormEvent) => {
    event.preventDefault();
    exportData.mutate({ phone });
  };
  const failure = exportData.error ?? erase.error;

  return (
    <section aria-labelledby="subject-title">
      <h2 id="subject-title">A customer&apos;s data</h2>
      <p className="muted">
        Everything held about one WhatsApp number in this workspace: its Flow sessions, responses,
        messages and webhook records. Owners only; each export and erasure is in the audit log,
        without the number.
      </p>
      <form className="subject-form" onSubmit={onExport} aria-label="Customer data request">
        <label>
          Phone number, with country code{' '}
          <input
            name="phone"
            type="tel"
            placeholder="+44 7700 900123"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </label>{' '}
        <button type="submit" className="button" disabled={phone === '' || exportData.isPending}>
          Export (JSON)
        </button>{' '}
        <button
          type="button"
          className="button button--danger"
          disabled={phone === '' || erase.isPending}
          onClick={() => setConfirming(true)}
        >
          Erase…
        </button>
      </form>
      {failure && <ErrorNotice title="The request failed">{errorMessage(failure)}</ErrorNotice>}
      {exportData.isSuccess && (
        <p role="status">
          Exported {exportData.data.submissions.length} responses and{' '}
          {exportData.data.flowSessions.length} sessions.
        </p>
      )}
      {erase.isSuccess && <ErasedSummary erased={erase.data.erased} />}
      {confirming && (
        <ConfirmErase
          phone={phone}
          onCancel={() => setConfirming(false)}
          onConfirm={(confirm) => {
            setConfirming(false);
            erase.mutate({ phone, confirm });
          }}
        />
      )}
    </section>
  );
}

function ConfirmErase(props: {
  phone: string;
  onCancel: () => void;
  onConfirm: (confirm: string) => void;
}) {
  const [typed, setTyped] = useState('');
  const matches = phoneDigits(typed) !== '' && phoneDigits(typed) === phoneDigits(props.phone);

  return (
    <Dialog
      title="Erase this customer's data?"
      onDismiss={props.onCancel}
      actions={
        <>
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={!matches}
            onClick={() => props.onConfirm(typed)}
          >
            Erase for good
          </button>
        </>
      }
    >
      <p>
        Every session, response, message and webhook record of {props.phone} in this workspace is
        deleted. This cannot be undone. Type the number again to confirm.
      </p>
      <input
        aria-label="Phone number again"
        type="tel"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
    </Dialog>
  );
}

function ErasedSummary({ erased }: { erased: Erased }) {
  const total = Object.values(erased).reduce((sum, count) => sum + count, 0);

  return (
    <p role="status" data-testid="erased-summary">
      Erased {total} records: {erased.submissions} responses, {erased.flowSessions} sessions,{' '}
      {erased.outboundMessages} messages, {erased.inboxEvents} webhook records.
    </p>
  );
}
