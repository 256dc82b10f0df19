import { checkComponents } from './components';
import type { Rule } from './context';
import { checkDocument } from './document';
import { checkScreens } from './screens';

export { createRuleContext } from './context';
export type { Rule, RuleContext, ScreenEntry } from './context';

/** The rule families, run in this order; each is independent of the others. */
export const RULES: readonly Rule[] = [checkDocument, checkScreens, checkComponents];
