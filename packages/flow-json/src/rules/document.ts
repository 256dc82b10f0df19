import { describeJsonType, isJsonObject } from '../json-value';
import { pointerTo } from '../pointer';
import { error, warning } from '../problem';
import type { Problem } from '../problem';
import {
  FLOW_JSON_VERSIONS,
  LATEST_FLOW_JSON_VERSION,
  PUBLISHABLE_FLOW_JSON_VERSIONS,
  isAtLeast,
} from '../versions';
import type { RuleContext } from './context';

export const TOP_LEVEL_KEYS = [
  'version',
  'data_api_version',
  'data_channel_uri',
  'routing_model',
  'screens',
] as const;

export const DATA_API_VERSIONS = ['3.0', '4.0'] as const;

/** Spec A4: Meta refuses a Flow with more screens than this. */
export const MAX_SCREENS = 100;

/** The document's own properties: version, screens and the endpoint settings. */
export function checkDocument(context: RuleContext): Problem[] {
  return [
    ...checkVersion(context),
    ...checkScreensList(context),
    ...checkTopLevelKeys(context),
    ...checkDataApiVersion(context),
    ...checkRoutingModelShape(context),
  ];
}

function checkVersion({ document, version }: RuleContext): Problem[] {
  const value = document.version;
  if (value === undefined) {
    return [
      error(
        '/version',
        'MISSING_FLOW_JSON_VERSION',
        `The Flow has no “version”. Add the Flow JSON version it is written for, for example "version": "${LATEST_FLOW_JSON_VERSION}".`,
      ),
    ];
  }
  if (typeof value !== 'string') {
    return [
      error(
        '/version',
        'INVALID_FLOW_JSON_VERSION',
        `The Flow's “version” must be text such as "${LATEST_FLOW_JSON_VERSION}", but it is ${describeJsonType(value)}.`,
      ),
    ];
  }
  if (version === undefined) {
    return [
      error(
        '/version',
        'INVALID_FLOW_JSON_VERSION',
        `“${value}” is not a Flow JSON version WhatsApp knows. Use one of ${FLOW_JSON_VERSIONS.join(', ')}.`,
      ),
    ];
  }
  if (!PUBLISHABLE_FLOW_JSON_VERSIONS.includes(version)) {
    return [
      warning(
        '/version',
        'UNSUPPORTED_FLOW_JSON_VERSION',
        `Flow JSON ${version} can no longer be published. Flows already published with it still open, but a new or changed Flow needs ${PUBLISHABLE_FLOW_JSON_VERSIONS[0] ?? LATEST_FLOW_JSON_VERSION} or later (${LATEST_FLOW_JSON_VERSION} is recommended).`,
      ),
    ];
  }

  return [];
}

function checkScreensList({ document }: RuleContext): Problem[] {
  const screens = document.screens;
  if (screens === undefined) {
    return [
      error(
        '/screens',
        'MISSING_REQUIRED_PROPERTY',
        'The Flow has no “screens”. A Flow needs a list with at least one screen.',
      ),
    ];
  }
  if (!Array.isArray(screens)) {
    return [
      error(
        '/screens',
        'INVALID_PROPERTY_TYPE',
        `The Flow's “screens” must be a list of screens, but it is ${describeJsonType(screens)}.`,
      ),
    ];
  }
  if (screens.length === 0) {
    return [
      error('/screens', 'MIN_ITEMS_REQUIRED', 'The Flow has no screens. Add at least one screen.'),
    ];
  }
  if (screens.length > MAX_SCREENS) {
    return [
      error(
        '/screens',
        'MAX_SCREENS_NUMBER',
        `The Flow has ${screens.length} screens; WhatsApp allows at most ${MAX_SCREENS}.`,
      ),
    ];
  }

  return [];
}

function checkTopLevelKeys({ document, version }: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(document)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      problems.push(
        error(
          pointerTo(key),
          'INVALID_PROPERTY_KEY',
          `“${key}” is not a Flow JSON property. At the top of a Flow only ${TOP_LEVEL_KEYS.join(', ')} are allowed.`,
        ),
      );
    }
  }
  if ('data_channel_uri' in document && version !== undefined && isAtLeast(version, '3.0')) {
    problems.push(
      error(
        '/data_channel_uri',
        'INVALID_PROPERTY_KEY',
        `“data_channel_uri” exists only in Flow JSON 2.1. From 3.0 on, the endpoint address is set on the Flow itself (in WhatsApp Manager or as its endpoint_uri through the API): remove it from the Flow JSON.`,
      ),
    );
  }

  return problems;
}

function checkDataApiVersion({ document }: RuleContext): Problem[] {
  const value = document.data_api_version;
  if (value === undefined || (DATA_API_VERSIONS as readonly unknown[]).includes(value)) {
    return [];
  }

  return [
    error(
      '/data_api_version',
      'INVALID_PROPERTY_VALUE',
      `“data_api_version” must be one of ${DATA_API_VERSIONS.join(' or ')} (as text), but it is ${typeof value === 'string' ? `“${value}”` : describeJsonType(value)}.`,
    ),
  ];
}

function checkRoutingModelShape({ document }: RuleContext): Problem[] {
  const routingModel = document.routing_model;
  if (routingModel === undefined) {
    return [];
  }
  if (!isJsonObject(routingModel)) {
    return [
      error(
        '/routing_model',
        'INVALID_PROPERTY_TYPE',
        `“routing_model” must be an object that lists, for each screen id, the screens it can lead to; it is ${describeJsonType(routingModel)}.`,
      ),
    ];
  }
  const problems: Problem[] = [];
  for (const [screenId, targets] of Object.entries(routingModel)) {
    const isIdList =
      Array.isArray(targets) && targets.every((target) => typeof target === 'string');
    if (!isIdList) {
      problems.push(
        error(
          pointerTo('routing_model', screenId),
          'INVALID_PROPERTY_TYPE',
          `In “routing_model”, the entry for screen “${screenId}” must be a list of screen ids.`,
          screenId,
        ),
      );
    }
  }

  return problems;
}
