import { readFile } from 'node:fs/promises';
import { createServer, type Server as HttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { RequestListener } from 'node:http';
import type { Server as NetServer } from 'node:net';

/** The certificate or key could not be used; the message names the file and the reason. */
export class TlsSetupError extends Error {
  override readonly name = 'TlsSetupError';
}

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/**
 * An HTTPS server for `app` with the PEM certificate (chain) and private key in these files.
 * Both are read and checked as a pair before anything listens, so a wrong file stops start-up
 * with a message instead of failing each handshake.
 */
export async function createHttpsServer(
  files: TlsFiles,
  app: RequestListener,
): Promise<HttpsServer> {
  const cert = await readPem(files.certFile, 'SFLOW_TLS_CERT', 'certificate');
  const key = await readPem(files.keyFile, 'SFLOW_TLS_KEY', 'private key');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsSetupError(
      `the certificate ${files.certFile} and key ${files.keyFile} cannot be used together: ` +
        (error instanceof Error ? error.message : String(error)),
    );
  }

  return createServer({ cert, key, minVersion: 'TLSv1.2' }, app);
}

async function readPem(file: string, variable: string, what: string): Promise<Buffer> {
  const content = await readFile(file).catch((error: unknown) => {
    throw new TlsSetupError(
      `${variable}: cannot read the ${what} file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  });
  if (!content.includes('-----BEGIN')) {
    throw new TlsSetupError(`${variable}: ${file} is not a PEM file (no "-----BEGIN" line)`);
  }

  return content;
}

/** Listens with HTTPS on `port` and `host`; resolves once listening. */
export async function listenHttps(
  app: RequestListener,
  files: TlsFiles,
  port: number,
  host: string,
): Promise<HttpsServer> {
  return listening(await createHttpsServer(files, app), port, host);
}

/** Starts the server listening; rejects with the reason (a taken port) when it cannot. */
export function listening<T extends NetServer>(server: T, port: number, host: string): Promise<T> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
