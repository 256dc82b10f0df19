import { checkActions } from './actions';
import { checkBindings } from './bindings';
import { checkComponents } from './components';
import type { Rule } from './context';
import { checkDataModels } from './data-model';
import { checkDatesAndMedia } from './dates-media';
import { checkDocument } from './document';
import { checkFooters } from './footers';
import { checkFormValues } from './forms';
import { checkProperties } from './properties';
import { checkPropertyPairs } from './property-pairs';
import { checkReferences } from './references';
import { checkRouting } from './routing';
import { checkScreenProperties } from './screen-properties';
import { checkScreens } from './screens';
import { checkStructure } from './structure';

export { createRuleContext } from './context';
export type { Rule, RuleContext, ScreenEntry } from './context';

/** The rule families, run in this order; each is independent of the others. */
export const RULES: readonly Rule[] = [
  checkDocument,
  checkScreens,
  checkScreenProperties,
  checkComponents,
  checkProperties,
  checkPropertyPairs,
  checkDatesAndMedia,
  checkStructure,
  checkFooters,
  checkDataModels,
  checkReferences,
  checkBindings,
  checkActions,
  checkFormValues,
  checkRouting,
];
