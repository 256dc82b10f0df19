export {
  CURRENT_SCHEMA_VERSION,
  GraphDocumentSchema,
  GraphNodeSchema,
  PositionSchema,
  ScreenNodeSchema,
  screenNodes,
} from './document';
export type { GraphDocument, GraphLogic, GraphNode, Position, ScreenNode } from './document';
export { GraphError } from './errors';
export type { GraphErrorCode, GraphIssue } from './errors';
export { UPGRADE_STEPS, runUpgradeSteps, upgradeGraphDocument } from './upgrade';
export type { UpgradeStep } from './upgrade';
export { importFlowJson } from './import';
export { LEADING_FLOW_KEYS, compileGraph } from './compile';
export { compileProgram } from './program';
export type { CompiledFlow } from './compile';
export { screenEdges } from './edges';
export { deriveRoutingModel, usesEndpoint } from './routing';
export type { ScreenEdge } from './edges';
export { summarizeScreen } from './summarize';
export type { ComponentSummary, ScreenSummary } from './summarize';
export { SCREEN_CARD_WIDTH, screenCardHeight } from './layout';
export { sha256Hex } from './hash';
export {
  EMPTY_LOGIC,
  LOGIC_NODE_TYPES,
  addLogicNode,
  defaultLogicNode,
  logicOf,
  moveLogicNodes,
  newLogicNodeId,
  removeLogicNodes,
  screenIdsOf,
  updateLogicNode,
} from './logic-nodes';
export type { PaletteNodeType } from './logic-nodes';
export { connectLogicNodes, connectionRefusal, disconnectLogicNodes } from './logic-connections';
export type { ConnectResult, LogicConnection } from './logic-connections';
export { logicScreenLinks } from './logic-screens';
export {
  LOGIC_CARD_WIDTH,
  layoutUnplacedLogic,
  logicCardSize,
  withLogicLaidOut,
} from './logic-layout';
export type { CardSize } from './logic-layout';
export { CARD_GAP, nearestFreeSpot } from './logic-packing';
export type { CanvasBox } from './logic-packing';
export type { LogicScreenLink } from './logic-screens';
export { checkLogicNode, expressionProblems } from './logic-problems';
export type { LogicFieldProblem, LogicNodeCheck } from './logic-problems';
export {
  addComponent,
  addScreen,
  moveComponent,
  moveRefusal,
  newScreenId,
  removeComponent,
  removeScreen,
  updateComponent,
  updateScreenProperties,
} from './screen-edits';
export { componentList, screenNode, splitComponentPointer, valueAt } from './screen-tree';
export type { ComponentPlace, ComponentSlot } from './screen-tree';
export {
  componentPalette,
  containersAround,
  defaultComponent,
  flowVersionOf,
  placementRefusal,
} from './screen-palette';
export type { PaletteComponent } from './screen-palette';
export { connectNavigate, navigatePayload, navigateRefusal } from './screen-navigate';
export type { NavigateResult, NavigateSource } from './screen-navigate';
export { completeReference, openReferenceAt, referencesInScope } from './screen-scope';
export type { ScopeReference } from './screen-scope';
export { renameRefusal, renameScreen } from './screen-rename';
export type { RenameResult } from './screen-rename';
