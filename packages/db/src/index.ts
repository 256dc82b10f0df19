export { type Database, openDatabase, type OpenDatabaseOptions } from './database';
export { poolSqlRunner, type SqlRunner } from './sql-runner';
export {
  DatabaseFolderInUseError,
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
  runningHolderOf,
  startEmbeddedDatabase,
} from './embedded';
export type { DbLogger } from './logger';
export {
  applyMigrations,
  type ApplyMigrationsOptions,
  createMigration,
  type CreateMigrationOptions,
  type CreateMigrationResult,
} from './migrate';
export {
  createFlowRepository,
  type FlowRecord,
  type FlowRepository,
  type FlowSummary,
  type FlowVersionRecord,
  type NewFlow,
  type NewFlowVersion,
  type SaveGraphResult,
} from './repositories/flows';
export { type DbClient } from './repositories/db-client';
export {
  type ConnectionChanges,
  type ConnectionRecord,
  type ConnectionRepository,
  type ConnectionWriteResult,
  createConnectionRepository,
  type NewConnection,
} from './repositories/connections';
export {
  createKeyPairRepository,
  type KeyPairRecord,
  type KeyPairRepository,
  type KeyPairStatus,
  type NewKeyPair,
} from './repositories/key-pairs';
export {
  DEFAULT_WORKSPACE_NAME,
  ensureDefaultWorkspace,
  type WorkspaceSummary,
} from './repositories/workspaces';
export {
  type Flow,
  type FlowVersion,
  Prisma,
  PrismaClient,
  type Workspace,
} from './generated/prisma/client';
export {
  createFlowSessionRepository,
  type EndpointCallRecord,
  type FlowSessionRecord,
  type FlowSessionRepository,
  type FlowSessionStatus,
  type NewEndpointCall,
  type NewFlowSession,
  type SessionChange,
} from './repositories/flow-sessions';
export {
  type AnswerToRemember,
  type ClaimInput,
  type ClaimResult,
  createEndpointExchangeRepository,
  type EndpointExchangeRepository,
  type ExchangeWrite,
  type OpenedExchange,
  type OpenExchangeInput,
  type RememberedAnswer,
  type SavedSubmission,
  type SavedSubmissionFile,
} from './repositories/endpoint-exchanges';
export {
  createEndpointFlowRepository,
  type EndpointFlowRecord,
  type EndpointFlowRepository,
  type EndpointSettings,
} from './repositories/endpoint-flows';
export {
  createSubmissionRepository,
  type NewSubmission,
  type SubmissionFilter,
  type SubmissionRecord,
  type SubmissionRepository,
  type SubmissionSource,
  type SubmissionStatus,
} from './repositories/submissions';
export {
  createDestinationRepository,
  type DestinationChanges,
  type DestinationRecord,
  type DestinationRepository,
  type NewDestination,
} from './repositories/destinations';
export {
  createDeliveryRepository,
  type DeliveryAttemptRecord,
  type DeliveryAttemptStatus,
  type DeliveryRepository,
  type NewDeliveryAttempt,
} from './repositories/deliveries';
export {
  createFlowAlertRepository,
  type FlowAlertRecord,
  type FlowAlertRepository,
  type NewFlowAlert,
} from './repositories/flow-alerts';
export {
  type ClaimOptions,
  createJobRepository,
  type JobListFilter,
  type JobRecord,
  type JobRepository,
  type JobStatus,
  type JobSummary,
  MAX_JOB_ERROR_LENGTH,
  type NewJob,
} from './repositories/jobs';
export {
  createInboxRepository,
  INBOX_QUEUE,
  type InboxEventRecord,
  type InboxEventStatus,
  type InboxEventView,
  type InboxRepository,
  type ItemClaim,
  type ReceivedWebhook,
  type WebhookConnection,
} from './repositories/inbox';
export {
  type CompletedSession,
  createSubmissionSourceRepository,
  type SentFlowJson,
  type SubmissionSourceRepository,
} from './repositories/submissions-sources';
export {
  createOutboundMessageRepository,
  type MetaFailure,
  type NewOutboundMessage,
  type NewSentSession,
  type OutboundMessageRecord,
  type OutboundMessageRepository,
  type OutboundMessageStatus,
  type QueueResult,
  type StatusReport,
} from './repositories/outbound-messages';
export {
  createPublicationRepository,
  type FlowPublicationRecord,
  type PublicationLink,
  type PublicationRepository,
} from './repositories/publications';
