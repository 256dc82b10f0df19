import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the server answered. */
  status: number;
}

export interface BusinessServer {
  url: string;
  received: ReceivedDelivery[];
  /** The statuses to answer next, in order; 200 once they run out. */
  answerWith(statuses: number[]): void;
  close(): Promise<void>;
}

/** A business's webhook receiver on 127.0.0.1 that answers a scripted list of statuses. */
export async function startBusinessServer(): Promise<BusinessServer> {
  const received: ReceivedDelivery[] = [];
  let script: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = script.shift() ?? 200;
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/flows`,
    received,
    answerWith: (statuses) => {
      script = [...statuses];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
