import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { ITEM_PROPERTY_SINCE, PROPERTY_SINCE, COMPONENT_SCHEMAS } from '../model';
import { childPointer } from '../pointer';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionAtLeast, versionBefore } from './context';
import { componentProblem } from './report';
import { schemaIssues } from './schema-issues';
import type { ComponentEntry, ScreenModel } from './screen-model';

/** Keys that hold other components or actions: their content is checked on its own. */
const NOT_TEXT_PROPERTIES = new Set([
  'children',
  'then',
  'else',
  'cases',
  'on-click-action',
  'on-select-action',
  'on-unselect-action',
  'init-values',
  'error-messages',
]);
const SLOT_KEYS = new Set(['children', 'then', 'else', 'cases']);
const ITEM_LISTS = new Set(['CheckboxGroup', 'RadioButtonsGroup', 'Dropdown', 'ChipsSelector']);

/** Every component's properties: schema, availability by version, blank text. */
export function checkProperties(context: RuleContext): Problem[] {
  return context.models.flatMap((model) =>
    model.components.flatMap((entry) => checkComponentProperties(context, model, entry)),
  );
}

function checkComponentProperties(
  context: RuleContext,
  model: ScreenModel,
  entry: ComponentEntry,
): Problem[] {
  const parsed = COMPONENT_SCHEMAS[entry.type].safeParse(entry.component);
  // The shape of child lists is reported by components.ts, once.
  const issues = parsed.success
    ? []
    : parsed.error.issues.filter(
        (issue) => !(SLOT_KEYS.has(String(issue.path[0])) && issue.code !== 'too_small'),
      );
  const problems = schemaIssues(entry.component, issues, entry.visit.pointer).map((issue) =>
    componentProblem(model, entry, issue.code, `${issue.message}.`, { pointer: issue.pointer }),
  );

  return [
    ...problems,
    ...checkPropertySince(context, model, entry),
    ...checkItemPropertySince(context, model, entry),
    ...checkBlankText(context, model, entry),
    ...checkInitOutsideForm(model, entry),
  ];
}

function checkPropertySince(
  context: RuleContext,
  model: ScreenModel,
  entry: ComponentEntry,
): Problem[] {
  const since = PROPERTY_SINCE[entry.type];
  if (since === undefined) {
    return [];
  }

  return Object.keys(entry.component).flatMap((key) => {
    const version = since[key];

    return version !== undefined && versionBefore(context, version)
      ? [
          componentProblem(
            model,
            entry,
            'INVALID_PROPERTY_KEY',
            `“${key}” needs Flow JSON ${version} or later; this Flow is ${context.version ?? '?'}.`,
            { at: [key] },
          ),
        ]
      : [];
  });
}

function checkItemPropertySince(
  context: RuleContext,
  model: ScreenModel,
  entry: ComponentEntry,
): Problem[] {
  const items = entry.component['data-source'];
  // Every item property exists from 6.0 on.
  if (versionAtLeast(context, '6.0') || !ITEM_LISTS.has(entry.type) || !Array.isArray(items)) {
    return [];
  }

  return items.flatMap((item: unknown, index) =>
    isJsonObject(item)
      ? Object.keys(item).flatMap((key) => {
          const version = ITEM_PROPERTY_SINCE[key];

          return version !== undefined && versionBefore(context, version)
            ? [
                componentProblem(
                  model,
                  entry,
                  'INVALID_PROPERTY_KEY',
                  `list items may have “${key}” only from Flow JSON ${version}; this Flow is ${context.version ?? '?'}.`,
                  { at: ['data-source', index, key] },
                ),
              ]
            : [];
        })
      : [],
  );
}

/** From 6.0 any text property may not be blank; `name` may not be blank from 4.0 (spec A4). */
function checkBlankText(
  context: RuleContext,
  model: ScreenModel,
  entry: ComponentEntry,
): Problem[] {
  const problems: Problem[] = [];
  const name = entry.component.name;
  if (typeof name === 'string' && name.trim() === '' && versionAtLeast(context, '4.0')) {
    problems.push(
      componentProblem(model, entry, 'MIN_CHARS_REQUIRED', '“name” may not be blank.', {
        at: ['name'],
      }),
    );
  }
  if (!versionAtLeast(context, '6.0')) {
    return problems;
  }
  forEachText(entry.component, [], (text, path) => {
    if (text.trim() === '' && path.join('.') !== 'name') {
      path = [...path];
      problems.push(
        componentProblem(
          model,
          entry,
          'MIN_CHARS_REQUIRED',
          `“${path.join('.')}” may not be blank from Flow JSON 6.0.`,
          { at: path },
        ),
      );
    }
  });

  return problems;
}

/** Calls `visit` for every text inside a component's own properties; `path` is reused, copy it to keep it. */
function forEachText(
  value: JsonObject | unknown[],
  path: Array<string | number>,
  visit: (text: string, path: Array<string | number>) => void,
): void {
  const keys: Array<string | number> = Array.isArray(value)
    ? value.map((_, index) => index)
    : Object.keys(value);
  for (const key of keys) {
    if (path.length === 0 && typeof key === 'string' && NOT_TEXT_PROPERTIES.has(key)) {
      continue;
    }
    const child: unknown = Array.isArray(value) ? value[key as number] : value[key as string];
    path.push(key);
    if (typeof child === 'string') {
      visit(child, path);
    } else if (Array.isArray(child) || isJsonObject(child)) {
      forEachText(child, path, visit);
    }
    path.pop();
  }
}

/** 4.0+: `init-value`/`error-message` on a component only when it is not inside a Form (spec A5). */
function checkInitOutsideForm(model: ScreenModel, entry: ComponentEntry): Problem[] {
  if (!entry.inForm) {
    return [];
  }

  return ['init-value', 'error-message']
    .filter((key) => key in entry.component)
    .map((key) =>
      componentProblem(
        model,
        entry,
        'INVALID_PROPERTY_KEY',
        `“${key}” is not allowed on a component inside a Form; set it in the Form's “${key}s” instead.`,
        { pointer: childPointer(entry.visit.pointer, key) },
      ),
    );
}
