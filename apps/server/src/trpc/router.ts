import { alertsRouter } from './alerts-router';
import { connectionsRouter } from './connections-router';
import { destinationsRouter } from './destinations-router';
import { endpointRouter } from './endpoint-router';
import { flowsRouter } from './flows-router';
import { membersRouter } from './members-router';
import { messagingRouter } from './messaging-router';
import { previewRouter } from './preview-router';
import { privacyRouter } from './privacy-router';
import { publishingRouter } from './publishing-router';
import { submissionsRouter } from './submissions-router';
import { versionsRouter } from './versions-router';
import { tokensRouter } from './tokens-router';
import { router } from './trpc';
import { webhooksRouter } from './webhooks-router';

export const appRouter = router({
  flows: flowsRouter,
  connections: connectionsRouter,
  endpoint: endpointRouter,
  messaging: messagingRouter,
  webhooks: webhooksRouter,
  submissions: submissionsRouter,
  destinations: destinationsRouter,
  alerts: alertsRouter,
  members: membersRouter,
  tokens: tokensRouter,
  preview: previewRouter,
  versions: versionsRouter,
  privacy: privacyRouter,
  publishing: publishingRouter,
});

/** The API's shape, imported by the editor as a type only. */
export type AppRouter = typeof appRouter;
