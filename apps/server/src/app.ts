import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Database } from '@sanjay-flow/db';
import { createFlowRepository } from '@sanjay-flow/db';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';

import { authRoutes } from './auth/routes';
import { createSignInLimiter, type SignInLimits } from './auth/sign-in-limiter';
import { createKeyPairs } from './connections/key-pairs';
import type { GraphApiPolicyOptions } from './connections/graph-api-policy';
import { createConnections } from './connections/manage-connections';
import { createEndpointHandler } from './endpoint/handle-call';
import { createHttpPort } from './endpoint/http-port';
import { DEFAULT_ENDPOINT_OPTIONS, type EndpointOptions } from './endpoint/options';
import { endpointPost } from './endpoint/route';
import { editorRoutes } from './http/editor';
import { errorHandler, notFoundHandler } from './http/errors';
import { type MachineLimits, machineLimits, publicGuard, type RateLimits } from './http/hardening';
import { healthHandler } from './http/health';
import { hostGuard } from './http/host-guard';
import { machineIntake } from './http/machine-intake';
import { machineRequests } from './http/machine-requests';
import { outcomeFields, outcomeMessage } from './http/request-outcome';
import { securityHeaders } from './http/security-headers';
import { submissionFileRoutes } from './http/submission-files';
import { type Logger, withoutSecretsInUrl } from './logger';
import {
  createMessagingServices,
  type MessagingServices,
  withMessaging,
} from './messaging/services';
import { publicRequestRoutes } from './privacy/public-request-routes';
import type { SecretBox } from './secrets/secret-box';
import { type CompletionServices, createCompletionServices } from './submissions/completions';
import { withCompletions } from './submissions/inbox-handlers';
import { trpcCaller } from './trpc/caller';
import { appRouter } from './trpc/router';
import { type InboxHandlers, recordingInboxHandlers } from './webhooks/handlers';
import { createWebhookIntake } from './webhooks/intake';
import type { WorkerRegistry } from './workers/registry';

/** Largest API request body: a 10 MB Flow JSON file grows when escaped inside JSON. */
const MAX_API_BODY_BYTES = 16 * 1024 * 1024;
const MAX_API_BATCH_SIZE = 20;

const DEFAULT_GRACE_HOURS = 7 * 24;

export interface AppDependencies {
  db: Database;
  /**
   * The workspace made at start-up. Requests do not use it: each acts in the workspace of its
   * session or API token (`auth/authenticate.ts`).
   */
  workspaceId?: string;
  logger: Logger;
  /** Seals and opens the secrets stored with connections and key pairs. */
  secrets: SecretBox;
  editorDir?: string | undefined;
  /** Host names answered besides localhost (see `hostGuard`); `['*']` for any. */
  allowedHosts?: string[];
  /** How the data endpoint runs; defaults suit tests. */
  endpoint?: EndpointOptions;
  /**
   * Where connections' Graph API URLs may lead (checked when saved and on every call); by
   * default loopback (the local Meta stand-in) and the endpoint's allowed hosts, which suit tests.
   */
  graphApiPolicy?: GraphApiPolicyOptions;
  /** How long a replaced key pair still decrypts data-endpoint calls. */
  keyRotationGraceHours?: number;
  /** Messages sent per second per phone number; Meta's standard throughput by default. */
  sendsPerSecond?: number;
  /** Starts the background workers (the inbox's among them); without it none run. */
  workers?: WorkerRegistry;
  /** What processed webhook items are handed to; by default they are only recorded. */
  inboxHandlers?: InboxHandlers;
  /** Express's `trust proxy`: whose `X-Forwarded-For` names the client; nobody's by default. */
  trustProxy?: false | number | string[];
  /** The server itself speaks HTTPS: HSTS and `upgrade-insecure-requests` are sent. */
  https?: boolean;
  /** Requests per minute on the data endpoint, the webhook and the public pages. */
  rateLimits?: Partial<RateLimits>;
  /** How sign-in attempts are slowed and blocked; the defaults suit production. */
  signInLimits?: SignInLimits;
}

/**
 * The server's request listener: Meta's POSTs (the data endpoint and the webhook) on their own
 * lean path (`http/machine-intake.ts`), everything else on the editor's Express application.
 */
export type App = RequestListener & {
  /** Every route but Meta's POSTs. */
  editor: Express;
  /** Meta's POSTs, as `POST /endpoint/:flowId`. */
  machineRoutes: readonly string[];
};

export function createApp(dependencies: AppDependencies): App {
  const { db, logger, secrets, editorDir } = dependencies;
  const app = express();
  const flows = createFlowRepository(db.prisma);
  const connections = createConnections(db.prisma, secrets, graphApiPolicyOf(dependencies));
  const keyPairs = createKeyPairs({
    prisma: db.prisma,
    secrets,
    graceHours: dependencies.keyRotationGraceHours ?? DEFAULT_GRACE_HOURS,
  });
  // Save steps store submissions at the endpoint and in message walks: their delivery starts
  // at once, as a completion's does.
  let wakeDelivery = (): void => undefined;
  const onSubmissionsStored = () => wakeDelivery();
  const messaging = messagingServices(dependencies, onSubmissionsStored);
  const completions = completionServices(dependencies, messaging);
  wakeDelivery = () => completions.wakeDelivery();
  app.disable('x-powered-by');
  app.set('trust proxy', dependencies.trustProxy ?? false);
  const limits = machineLimits(dependencies.rateLimits);
  const webhooks = webhookIntake(dependencies, completions, messaging, limits);
  const machinePosts = [
    endpointPost(endpointHandler(dependencies, onSubmissionsStored), limits.perFlow),
    webhooks.post,
  ];
  const intake = machineIntake(machinePosts, { logger, https: dependencies.https ?? false });
  // The rest of Meta's paths (the webhook handshake, unknown routes) skip the editor's request
  // logger and browser headers too (`http/machine-requests.ts`).
  const machine = machineRequests(logger, dependencies.https ?? false);
  app.use('/endpoint', machine, notFoundHandler, errorHandler);
  app.use('/webhooks', machine, webhooks.routes, notFoundHandler, errorHandler);
  app.use(
    pinoHttp({
      logger,
      serializers: { req: withoutSecretsInUrl },
      genReqId: (req, res) => {
        const requestId = randomUUID();
        res.setHeader('X-Request-Id', requestId);

        return requestId;
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      customProps: outcomeFields,
      customSuccessMessage: outcomeMessage,
    }),
  );
  app.use(hostGuard(dependencies.allowedHosts ?? []));
  app.use(securityHeaders(dependencies.https ?? false));
  app.get('/healthz', healthHandler(db));
  app.use(['/auth/sign-in', '/auth/link', '/privacy'], publicGuard(dependencies.rateLimits));
  app.use(
    '/auth',
    authRoutes({
      prisma: db.prisma,
      limiter: createSignInLimiter(db.prisma, dependencies.signInLimits),
    }),
  );
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: MAX_API_BODY_BYTES,
      // The editor batches a handful of calls; hundreds in one request is an abuse.
      maxBatchSize: MAX_API_BATCH_SIZE,
      createContext: async ({ req }) => ({
        ...(await trpcCaller(db.prisma, req)),
        flows,
        connections,
        db,
        log: req.log,
        keyPairs,
        destinations: completions.destinations,
        preview: dependencies.endpoint ?? DEFAULT_ENDPOINT_OPTIONS,
      }),
    }),
  );
  app.use('/privacy', publicRequestRoutes({ prisma: db.prisma, outbox: messaging.outbox }));
  app.use('/api', submissionFileRoutes({ prisma: db.prisma, secrets }));
  app.use(['/api', '/auth'], notFoundHandler);
  app.use(editorRoutes(editorDir ?? defaultEditorDir()));
  app.use(notFoundHandler);
  app.use(errorHandler);

  const listener: RequestListener = (req, res) => {
    if (!intake(req, res)) {
      app(req, res);
    }
  };

  return Object.assign(listener, {
    editor: app,
    machineRoutes: machinePosts.map((post) => `POST ${post.path}`),
  });
}

function endpointHandler(
  { db, secrets, endpoint, keyRotationGraceHours }: AppDependencies,
  onSubmissionsStored: () => void,
) {
  const options = endpoint ?? DEFAULT_ENDPOINT_OPTIONS;

  return createEndpointHandler({
    prisma: db.prisma,
    sql: db.sql,
    embedded: db.kind === 'embedded',
    secrets,
    keyPairs: createKeyPairs({
      prisma: db.prisma,
      secrets,
      graceHours: keyRotationGraceHours ?? DEFAULT_GRACE_HOURS,
    }),
    http: createHttpPort({ allowedHosts: options.httpAllowedHosts }),
    options,
    onSubmissionsStored,
  });
}

function webhookIntake(
  { db, secrets, logger, workers, inboxHandlers }: AppDependencies,
  completions: CompletionServices,
  messaging: MessagingServices,
  limits: MachineLimits,
) {
  return createWebhookIntake({
    db,
    secrets,
    log: logger,
    workers,
    perConnection: limits.perConnection,
    handlers:
      inboxHandlers ??
      withCompletions(withMessaging(recordingInboxHandlers(), messaging), completions),
  });
}

/** Flow completions, their delivery (started on the app's workers) and Flows events. */
function completionServices(dependencies: AppDependencies, messaging: MessagingServices) {
  const { db, secrets, logger, endpoint, workers } = dependencies;
  const completions = createCompletionServices({
    db,
    secrets,
    allowedHosts: (endpoint ?? DEFAULT_ENDPOINT_OPTIONS).httpAllowedHosts,
    allowGraphApiLoopback: graphApiPolicyOf(dependencies).allowLoopback,
    log: logger,
    sendMessages: messaging.sendMessages,
  });
  if (workers) {
    completions.startDelivery(workers);
  }

  return completions;
}

/** The outbox (started on the app's workers), message-received triggers and statuses. */
function messagingServices(dependencies: AppDependencies, onSubmissionsStored: () => void) {
  const { db, secrets, logger, endpoint, workers, sendsPerSecond } = dependencies;
  const messaging = createMessagingServices({
    db,
    secrets,
    allowedHosts: (endpoint ?? DEFAULT_ENDPOINT_OPTIONS).httpAllowedHosts,
    graphApiPolicy: graphApiPolicyOf(dependencies),
    log: logger,
    onSubmissionsStored,
    ...(sendsPerSecond === undefined ? {} : { sendsPerSecond }),
  });
  if (workers) {
    messaging.startOutbox(workers);
  }

  return messaging;
}

function graphApiPolicyOf(dependencies: AppDependencies): GraphApiPolicyOptions {
  return (
    dependencies.graphApiPolicy ?? {
      allowedHosts: (dependencies.endpoint ?? DEFAULT_ENDPOINT_OPTIONS).httpAllowedHosts,
      allowLoopback: true,
    }
  );
}

/** The editor's build output, found from this file in the source tree and in `dist/`. */
function defaultEditorDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));

  return path.resolve(here, '../../editor/dist');
}
