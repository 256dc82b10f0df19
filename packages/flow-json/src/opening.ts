import { describeJsonType, isJsonObject } from './json-value';
import type { JsonObject } from './json-value';
import { actionsOf, navigateTarget } from './rules/actions-index';
import { createRuleContext, versionAtLeast } from './rules/context';
import type { RuleContext } from './rules/context';
import { jsonType, matchesField } from './rules/data-model';

/** How a Flow message opens the Flow: its `flow_action_payload` (spec C7). */
export interface FlowOpening {
  screen: string;
  data?: Record<string, unknown>;
}

/** One broken send-time rule; `at` is `["screen"]`, `["data"]` or `["data", key]`. */
export interface OpeningProblem {
  at: string[];
  message: string;
}

/**
 * What Meta checks of a navigate opening against the Flow JSON it opens: the screen exists
 * and, from 4.0, is an entry screen (spec A8); the data fits the screen's declared `data`
 * exactly, as a navigate payload must (spec A7).
 */
export function checkOpening(flowJson: unknown, opening: FlowOpening): OpeningProblem[] {
  const context = createRuleContext(isJsonObject(flowJson) ? flowJson : {});
  const model = context.modelById.get(opening.screen);
  if (model === undefined) {
    const ids = [...context.modelById.keys()].join(', ');

    return [
      { at: ['screen'], message: `no screen "${opening.screen}" in this Flow (screens: ${ids})` },
    ];
  }
  const entries = entryScreens(context);
  const entry =
    versionAtLeast(context, '4.0') && !entries.includes(opening.screen)
      ? [
          {
            at: ['screen'],
            message: `"${opening.screen}" is not an entry screen: another screen leads to it (entry screens: ${entries.join(', ')})`,
          },
        ]
      : [];

  return [
    ...entry,
    // No data is no field at all: a screen that declares some would open empty.
    ...checkData(opening.screen, model.data, opening.data ?? {}),
  ];
}

function checkData(
  screen: string,
  declared: JsonObject,
  data: Record<string, unknown>,
): OpeningProblem[] {
  const problems: OpeningProblem[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!(key in declared)) {
      problems.push({
        at: ['data', key],
        message: `is not declared in the data of screen "${screen}"`,
      });
    } else if (!matchesField(value, declared[key])) {
      problems.push({ at: ['data', key], message: mismatch(screen, value, declared[key]) });
    }
  }
  const missing = Object.keys(declared).filter((key) => !(key in data));
  if (missing.length > 0) {
    problems.push({
      at: ['data'],
      message: `screen "${screen}" declares ${missing.map((key) => `"${key}"`).join(', ')} in its data: give every declared field`,
    });
  }

  return problems;
}

function mismatch(screen: string, value: unknown, field: unknown): string {
  const type = isJsonObject(field) && typeof field.type === 'string' ? field.type : '?';

  return jsonType(value) === type
    ? `does not fit the ${type} screen "${screen}" declares: its items or properties differ`
    : `is ${describeJsonType(value)}, but screen "${screen}" declares it as ${type}`;
}

/** Screens no route leads into: by the routing model in endpoint Flows, else by navigate actions. */
function entryScreens(context: RuleContext): string[] {
  const routingModel = context.document.routing_model;
  const targets =
    context.hasEndpoint && isJsonObject(routingModel)
      ? Object.entries(routingModel).flatMap(([from, to]) =>
          Array.isArray(to)
            ? to.filter((id): id is string => typeof id === 'string' && id !== from)
            : [],
        )
      : context.models.flatMap((model) =>
          actionsOf(model).flatMap((found) => {
            const target = navigateTarget(found.action);

            return target === undefined || target === model.entry.id ? [] : [target];
          }),
        );
  const inbound = new Set(targets);

  return [...context.modelById.keys()].filter((id) => !inbound.has(id));
}
