import { isJsonObject } from '@sanjay-flow/flow-json';
import type { JsonObject } from '@sanjay-flow/flow-json';

/** The few facts about a stored Flow JSON text that sending and opening need. */
export interface FlowDocument {
  json: JsonObject;
  version: string | undefined;
  dataApiVersion: string | undefined;
  screens: JsonObject[];
}

/** Reads stored Flow JSON text; `undefined` when it is not a JSON object with screens. */
export function readFlowDocument(text: string): FlowDocument | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(json) || !Array.isArray(json.screens)) {
    return undefined;
  }

  return {
    json,
    version: typeof json.version === 'string' ? json.version : undefined,
    dataApiVersion: typeof json.data_api_version === 'string' ? json.data_api_version : undefined,
    screens: json.screens.filter(isJsonObject),
  };
}

export function screenById(document: FlowDocument, id: string): JsonObject | undefined {
  return document.screens.find((screen) => screen.id === id);
}

/**
 * The screen a `navigate` message opens when it names none: the routing model's entry (a
 * screen no other screen routes to), else the first screen.
 */
export function entryScreenId(document: FlowDocument): string | undefined {
  const routing = document.json.routing_model;
  if (isJsonObject(routing)) {
    const targets = new Set(
      Object.values(routing).flatMap((to): unknown[] =>
        Array.isArray(to) ? (to as unknown[]) : [],
      ),
    );
    const entry = Object.keys(routing).find((id) => !targets.has(id));
    if (entry !== undefined) {
      return entry;
    }
  }
  const first = document.screens[0]?.id;

  return typeof first === 'string' ? first : undefined;
}
