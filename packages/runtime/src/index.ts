// @sanjay-flow/runtime: executes a Flow's compiled program against one data-endpoint request.
// Pure: every clock, timer and network call comes in through the caller's ports.
export { RUNTIME_ERROR_CODES, RUNTIME_ERROR_INFO, RuntimeError } from './errors';
export type { RuntimeErrorCode, RuntimeErrorDetails, RuntimeFault } from './errors';
export { DEFAULT_BUDGET_MS, MAX_BUDGET_MS } from './execute/deadline';
export { runEndpointRequest } from './execute/run-endpoint-request';
export { MAX_SCREEN_DATA_CHARS, screenDataOf } from './execute/screen-data';
export type {
  RunEndpointRequestInput,
  RunEndpointRequestResult,
  RunOptions,
} from './execute/run-endpoint-request';
export {
  CustomerSchema,
  FlowCompletedEventSchema,
  MessageReceivedEventSchema,
  ServerEventSchema,
  findServerTrigger,
  runServerEvent,
} from './execute/run-server-event';
export type {
  Customer,
  FlowCompletedEvent,
  MessageReceivedEvent,
  ServerEffect,
  ServerEvent,
  ServerEventInput,
  ServerEventOptions,
  ServerEventPorts,
  ServerEventResult,
  ServerTriggerMatch,
} from './execute/run-server-event';
export { DEFAULT_MAX_STEPS } from './execute/walk';
export * from './expression';
export {
  checkOutboundUrl,
  checkResolvedAddress,
  hostScope,
} from './http-safety/check-outbound-url';
export type {
  HostScope,
  OutboundCheck,
  OutboundOptions,
  OutboundRefusal,
} from './http-safety/check-outbound-url';
export type { AddressScope } from './http-safety/ip';
export { JsonValueSchema, nestsDeeperThan } from './json';
export type { JsonObject, JsonValue } from './json';
export * from './nodes';
export type { HttpMethod, HttpPort, HttpRequest, HttpResponse, RuntimePorts } from './ports';
export { checkProgram } from './program/check';
export type { ProgramProblem } from './program/check';
export {
  DATA_TYPES,
  DataFieldSchema,
  DataModelSchema,
  findDataMismatch,
} from './program/data-model';
export type { DataField, DataModel } from './program/data-model';
export { PROGRAM_VERSION, ProgramEdgeSchema, ProgramSchema, parseProgram } from './program/schema';
export type { Program, ProgramEdge, ProgramParseResult } from './program/schema';
export {
  EndpointRequestSchema,
  MAX_HISTORY,
  SUCCESS_SCREEN,
  SessionSchema,
  createSession,
} from './protocol';
export type {
  AcknowledgeReply,
  Effect,
  EndpointReply,
  EndpointRequest,
  HealthReply,
  LogEntry,
  ScreenReply,
  Session,
  SuccessReply,
} from './protocol';
