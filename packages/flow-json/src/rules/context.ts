import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { pointerTo } from '../pointer';
import type { Problem } from '../problem';
import { isFlowJsonVersion } from '../versions';
import type { FlowJsonVersion } from '../versions';
import { ordinal } from '../walk';

/** A screen found in the document's `screens` list, well formed or not. */
export interface ScreenEntry {
  index: number;
  pointer: string;
  value: unknown;
  /** Set when the screen is an object with a text id. */
  id?: string;
}

export interface RuleContext {
  document: JsonObject;
  /** Set when `version` is a known Flow JSON version; version-gated rules skip otherwise. */
  version?: FlowJsonVersion;
  screens: readonly ScreenEntry[];
}

/** A rule family: reads the whole document, returns every problem it finds. */
export type Rule = (context: RuleContext) => Problem[];

export function createRuleContext(document: JsonObject): RuleContext {
  const screens = Array.isArray(document.screens) ? document.screens : [];
  const entries = screens.map((value: unknown, index): ScreenEntry => {
    const id = isJsonObject(value) && typeof value.id === 'string' ? value.id : undefined;
    const entry = { index, pointer: pointerTo('screens', index), value };

    return id === undefined ? entry : { ...entry, id };
  });

  return isFlowJsonVersion(document.version)
    ? { document, version: document.version, screens: entries }
    : { document, screens: entries };
}

/** Names a screen by its id, or by its place in the list when it has none. */
export function describeScreen(entry: ScreenEntry): string {
  return entry.id === undefined ? `the ${ordinal(entry.index + 1)} screen` : `screen “${entry.id}”`;
}

export function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
