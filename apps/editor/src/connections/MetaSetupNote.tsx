import { CopyButton } from './CopyButton';

/** The webhook callback this server answers, for the app's WhatsApp configuration at Meta. */
export function webhookCallbackUrl(origin: string): string {
  return `${origin}/webhooks/whatsapp`;
}

/** What the business pastes in Meta's App Dashboard so that Meta reaches this server. */
export function MetaSetupNote() {
  const callback = webhookCallbackUrl(window.location.origin);

  return (
    <section className="meta-setup" aria-labelledby="meta-setup-heading">
      <h2 id="meta-setup-heading">What to paste at Meta</h2>
      <dl>
        <dt>Webhook callback URL (WhatsApp › Configuration)</dt>
        <dd>
          <code data-testid="webhook-callback-url">{callback}</code>{' '}
          <CopyButton text={callback} label="Copy the webhook callback URL" />
        </dd>
        <dt>Verify token</dt>
        <dd>
          The connection&apos;s webhook verify token, exactly as typed here. Meta checks it once
          when the callback URL is saved; subscribe the app to the <code>messages</code> field.
        </dd>
        <dt>Data endpoint of each Flow</dt>
        <dd>
          <code>{window.location.origin}/endpoint/&lt;flow id&gt;</code>: publishing a Flow with its
          data endpoint on sets it at Meta. Meta encrypts each call with the public key uploaded for
          the phone number, below.
        </dd>
      </dl>
    </section>
  );
}
