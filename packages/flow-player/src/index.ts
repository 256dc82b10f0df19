export { createFlowPlayer } from './player';
export type { FlowPlayer, StartOptions } from './player';
export { FlowPlayerError } from './errors';
export type { ClientErrorType, FlowPlayerErrorCode, FlowPlayerIssue } from './errors';
export type { InputError, Step } from './steps';
export type { ComponentView, InputView, ScreenView, TargetView } from './view';
export type { InputType, Option } from './inputs';
export { INPUT_TYPES } from './inputs';
export { suggestedValues } from './suggest';
export { EndpointReplySchema, PickedMediaSchema } from './state';
export type {
  DateRange,
  EndpointReply,
  FormValue,
  JsonObject,
  PendingRequest,
  PickedMedia,
  PlayerState,
  ScreenState,
} from './state';
