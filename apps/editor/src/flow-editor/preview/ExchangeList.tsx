import type { Exchange } from './previewRun';

/** The requests the phone sent to the endpoint in this run and what came back, oldest first. */
export function ExchangeList({ exchanges }: { exchanges: readonly Exchange[] }) {
  return (
    <details className="phone-exchanges">
      <summary>Endpoint requests ({exchanges.length})</summary>
      <ol>
        {exchanges.map((exchange, index) => (
          <li key={index}>
            <p>
              <strong>{exchange.request.action}</strong>
              {exchange.request.screen === undefined ? '' : ` from ${exchange.request.screen}`}
              {exchange.error === undefined ? '' : ` — failed: ${exchange.error.code}`}
            </p>
            <pre>
              {JSON.stringify({ request: exchange.request, reply: exchange.reply }, null, 2)}
            </pre>
          </li>
        ))}
      </ol>
    </details>
  );
}
