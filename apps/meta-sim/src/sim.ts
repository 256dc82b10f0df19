import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import type { Logger } from 'pino';

import type { SimContext } from './context';
import { createControl } from './control/control';
import type { MetaSimControl } from './control/control';
import { createControlRouter } from './control/routes';
import { downloadAsset } from './graph/flow-assets';
import { createFaults } from './graph/faults';
import { graphErrors } from './graph/graph-error';
import { sendError } from './graph/graph-route';
import { downloadCdnFile, downloadMedia } from './graph/media';
import { createGraphRouter } from './graph/router';
import { createState } from './state';
import { createOutbox } from './webhooks/outbox';
import type { WebhookRetry } from './webhooks/outbox';
import { previewPage } from './graph/preview';

export interface MetaSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: the stand-in is a test fixture and holds test secrets. */
  host?: '127.0.0.1';
  log?: Logger;
  webhookRetry?: WebhookRetry;
}

export interface MetaSim {
  /** `http://127.0.0.1:<port>`; the Graph API base is `${url}/v23.0`. */
  url: string;
  control: MetaSimControl;
  close(): Promise<void>;
}

const BODY_LIMIT = '20mb';

/** Starts the local stand-in for Meta: Graph API, webhooks, and simulated customers. */
export async function createMetaSim(options: MetaSimOptions = {}): Promise<MetaSim> {
  const log = options.log ?? pino({ level: 'silent' });
  const closing = new AbortController();
  let url = '';
  const ctx: SimContext = {
    state: createState(),
    outbox: createOutbox({ retry: options.webhookRetry ?? { attempts: 3, baseDelayMs: 200 }, log }),
    faults: createFaults(),
    log,
    url: () => url,
    sleep: (ms) => sleep(ms, undefined, { signal: closing.signal }).catch(() => undefined),
  };
  const control = createControl(ctx);
  const server = await listen(
    createApp(ctx, control),
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.info({ url }, 'Meta stand-in listening');

  return {
    url,
    control,
    close: async () => {
      closing.abort();
      ctx.outbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function createApp(ctx: SimContext, control: MetaSimControl) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use('/_sim', createControlRouter(control));
  app.get('/_sim/preview/:flowId', previewPage(ctx));
  app.get('/_media/:id/:token', downloadMedia(ctx));
  app.get('/_cdn/:id/:token', downloadCdnFile(ctx));
  app.get('/_assets/:flowId/:version/:token', downloadAsset(ctx));
  app.use(
    '/:version',
    express.json({ limit: BODY_LIMIT }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    express.raw({ type: 'multipart/form-data', limit: BODY_LIMIT }),
    createGraphRouter(ctx),
  );
  app.use(unreadableBody(ctx));

  return app;
}

/** A body the parsers refuse (bad JSON, too large) is a Graph parameter error, as at Meta. */
function unreadableBody(ctx: SimContext) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(
        res,
        graphErrors.badParameter(`The request body could not be read: ${(error as Error).message}`),
      );

      return;
    }
    ctx.log.error({ err: error }, 'request failed');
    res.status(500).json({ error: { message: 'The stand-in failed.', code: 1 } });
  };
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
  });
}
