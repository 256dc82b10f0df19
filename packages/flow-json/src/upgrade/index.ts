export { UPGRADE_STEPS } from './steps';
export type { StepResult, UpgradeNote, UpgradeStep } from './steps';
export { upgradeFlowJson } from './upgrade';
export type { FlowUpgrade } from './upgrade';
