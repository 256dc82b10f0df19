import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { pointerTo } from '../pointer';
import type { Problem } from '../problem';
import { isAtLeast, isFlowJsonVersion } from '../versions';
import type { FlowJsonVersion } from '../versions';
import { ordinal } from '../walk';
import { buildScreenModel } from './screen-model';
import type { ScreenModel } from './screen-model';

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
  /** One model per screen that is an object, in document order. */
  models: readonly ScreenModel[];
  /** Models by screen id (the first screen, when an id is used twice). */
  modelById: ReadonlyMap<string, ScreenModel>;
  /** `data_api_version` is set: the Flow talks to an endpoint. */
  hasEndpoint: boolean;
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

  const models = entries.flatMap((entry) => buildScreenModel(entry) ?? []);
  const modelById = new Map<string, ScreenModel>();
  for (const model of models) {
    if (model.entry.id !== undefined && !modelById.has(model.entry.id)) {
      modelById.set(model.entry.id, model);
    }
  }
  const base = {
    document,
    screens: entries,
    models,
    modelById,
    hasEndpoint: document.data_api_version !== undefined,
  };

  return isFlowJsonVersion(document.version) ? { ...base, version: document.version } : base;
}

/** Names a screen by its id, or by its place in the list when it has none. */
export function describeScreen(entry: ScreenEntry): string {
  return entry.id === undefined ? `the ${ordinal(entry.index + 1)} screen` : `screen “${entry.id}”`;
}

export function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Whether the Flow's version is known and at least `minimum`. Unknown versions pass no gate. */
export function versionAtLeast(context: RuleContext, minimum: string): boolean {
  return context.version !== undefined && isAtLeast(context.version, minimum);
}

/** Whether the Flow's version is known and older than `version`. */
export function versionBefore(context: RuleContext, version: string): boolean {
  return context.version !== undefined && !isAtLeast(context.version, version);
}
