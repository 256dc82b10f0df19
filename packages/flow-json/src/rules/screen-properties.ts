import { z } from 'zod';

import { SCREEN_ID_PATTERN, SCREEN_PROPERTY_SINCE, ScreenSchema } from '../model';
import { childPointer } from '../pointer';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionBefore } from './context';
import { screenProblem } from './report';
import { schemaIssues } from './schema-issues';
import type { ScreenModel } from './screen-model';

/** Ids and layouts have their own rules (screens.ts); data models are checked by data-model.ts. */
const ScreenPropertiesSchema = ScreenSchema.omit({ id: true, layout: true, data: true }).extend({
  id: z.unknown().optional(),
  layout: z.unknown().optional(),
  data: z.unknown().optional(),
});

/** A screen's own properties (spec A2): known keys and types, id pattern, version and endpoint needs. */
export function checkScreenProperties(context: RuleContext): Problem[] {
  return context.models.flatMap((model) => [
    ...checkKeys(model),
    ...checkIdPattern(model),
    ...checkSince(context, model),
    ...checkRefreshOnBack(context, model),
    ...checkSensitive(model),
  ]);
}

function checkKeys(model: ScreenModel): Problem[] {
  const parsed = ScreenPropertiesSchema.safeParse(model.screen);

  return parsed.success
    ? []
    : schemaIssues(model.screen, parsed.error.issues, model.entry.pointer).map((issue) =>
        screenProblem(model, issue.code, `Screen “${model.entry.id ?? '?'}”: ${issue.message}.`, {
          pointer: issue.pointer,
        }),
      );
}

/**
 * Meta's validator says letters and underscores only. Digits appear in the wild but are not
 * confirmed (U), so the stricter rule applies.
 */
function checkIdPattern(model: ScreenModel): Problem[] {
  const id = model.entry.id;
  if (id === undefined || id.trim() === '' || SCREEN_ID_PATTERN.test(id)) {
    return [];
  }

  return [
    screenProblem(
      model,
      'PATTERN_MISMATCH',
      `The screen id “${id}” may contain only letters and underscores.`,
      { at: ['id'] },
    ),
  ];
}

function checkSince(context: RuleContext, model: ScreenModel): Problem[] {
  return Object.entries(SCREEN_PROPERTY_SINCE)
    .filter(([key, version]) => key in model.screen && versionBefore(context, version))
    .map(([key, version]) =>
      screenProblem(
        model,
        'INVALID_PROPERTY_KEY',
        `The screen property “${key}” needs Flow JSON ${version} or later; this Flow is ${context.version ?? '?'}.`,
        { at: [key] },
      ),
    );
}

function checkRefreshOnBack(context: RuleContext, model: ScreenModel): Problem[] {
  if (model.screen.refresh_on_back !== true || context.hasEndpoint) {
    return [];
  }

  return [
    screenProblem(
      model,
      'INVALID_PROPERTY_VALUE',
      '“refresh_on_back” calls the endpoint, so the Flow needs a “data_api_version”.',
      { at: ['refresh_on_back'] },
    ),
  ];
}

/** `sensitive` names fields of this screen (inputs), whose values are masked in the summary. */
function checkSensitive(model: ScreenModel): Problem[] {
  const sensitive = model.screen.sensitive;
  if (!Array.isArray(sensitive)) {
    return [];
  }

  return sensitive.flatMap((name: unknown, index) =>
    typeof name === 'string' && !model.inputs.has(name)
      ? [
          screenProblem(
            model,
            'INVALID_PROPERTY_VALUE',
            `“sensitive” lists “${name}”, but screen “${model.entry.id ?? '?'}” has no input with that name.`,
            { pointer: childPointer(model.entry.pointer, 'sensitive', index) },
          ),
        ]
      : [],
  );
}
