export type { Problem, Severity } from './problem';
export { validateFlowJson, validateFlowJsonText } from './validate';
export {
  FLOW_JSON_VERSIONS,
  LATEST_FLOW_JSON_VERSION,
  PUBLISHABLE_FLOW_JSON_VERSIONS,
  compareVersions,
  isAtLeast,
  isFlowJsonVersion,
} from './versions';
export type { FlowJsonVersion } from './versions';
export { COMPONENT_TYPES, COMPONENT_TYPE_NAMES, isComponentType } from './components';
export type { ChildSlot, ComponentCategory, ComponentType, ComponentTypeInfo } from './components';
export { INPUT_COMPONENT_TYPES } from './rules/screen-model';
export { describeComponentPlace, walkComponents } from './walk';
export type { ComponentParent, ComponentVisit } from './walk';
export { childPointer, parsePointer, pointerAncestors, pointerTo } from './pointer';
export { parseJsonText } from './json-text';
export type { JsonTextResult, TextPosition } from './json-text';
export { isJsonObject } from './json-value';
export type { JsonObject } from './json-value';
export { NavigateActionSchema, RoutingModelSchema } from './schemas';
export type { NavigateAction, RoutingModel } from './schemas';
export { componentPath } from './walk';
export {
  hasReference,
  looksDynamic,
  parseDynamicValue,
  referencesOf,
  typeExpression,
} from './expression';
export type {
  DynamicValue,
  Expression,
  ParseError,
  Reference,
  TypeIssue,
  TypedExpression,
  ValueType,
} from './expression';
export * from './model';
export { SAMPLE_INPUT_KINDS, buildSampleFlow, screenId } from './sample';
export type { SampleFlowSpec, SampleInputKind, SampleScreenSpec } from './sample';
export { checkOpening } from './opening';
export type { FlowOpening, OpeningProblem } from './opening';
export { UPGRADE_STEPS, upgradeFlowJson } from './upgrade';
export type { FlowUpgrade, UpgradeNote, UpgradeStep } from './upgrade';
