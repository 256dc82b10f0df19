import type { NfmReply } from './completion';

function answersOf(completion: NfmReply): [string, string][] {
  const parsed = JSON.parse(completion.interactive.nfm_reply.response_json) as Record<
    string,
    unknown
  >;

  return Object.entries(parsed).map(([key, value]) => [key, JSON.stringify(value)]);
}

/** The finished Flow as the business's webhook receives it: the `nfm_reply` of the message. */
export function CompletionView({ completion }: { completion: NfmReply }) {
  return (
    <section className="phone-completion" aria-label="Completion webhook">
      <h3 className="phone-completion__title">Flow completed: the webhook receives</h3>
      <pre className="phone-completion__json" data-testid="completion-json">
        {JSON.stringify(completion, null, 2)}
      </pre>
      <dl className="phone-completion__answers">
        {answersOf(completion).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
