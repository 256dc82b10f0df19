import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSend {
  phoneNumberId: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** The wamid answered, or `null` when this request was refused. */
  wamid: string | null;
}

export type SendAnswer = { status: number; body: unknown } | 'accept';

/**
 * A loopback stand-in for the Graph API's `POST /{phone-number-id}/messages`: answers each
 * request with the next scripted answer (accepting once the script runs out) and records it.
 */
export interface FakeGraphApi {
  baseUrl: string;
  sends: ReceivedSend[];
  /** Answers for the next requests, in order. */
  script(...answers: SendAnswer[]): void;
  accepted(): ReceivedSend[];
  close(): Promise<void>;
}

export async function startFakeGraphApi(): Promise<FakeGraphApi> {
  const sends: ReceivedSend[] = [];
  let answers: SendAnswer[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v23\.0\/(\d+)\/messages$/.exec(req.url ?? '');
      const answer = answers.shift() ?? 'accept';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
        string,
        unknown
      >;
      const accepted = match !== null && answer === 'accept';
      counter += 1;
      const wamid = accepted ? `wamid.FAKE${String(counter).padStart(8, '0')}` : null;
      sends.push({
        phoneNumberId: match?.[1] ?? '',
        authorization: req.headers.authorization,
        body,
        wamid,
      });
      const reply =
        answer === 'accept'
          ? {
              status: match === null ? 404 : 200,
              body: {
                messaging_product: 'whatsapp',
                contacts: [{ input: body['to'], wa_id: body['to'] }],
                messages: [{ id: wamid }],
              },
            }
          : answer;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v23.0`,
    sends,
    script: (...next) => {
      answers = next;
    },
    accepted: () => sends.filter((send) => send.wamid !== null),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function graphError(status: number, code: number, message: string) {
  return {
    status,
    body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbC123' } },
  };
}
