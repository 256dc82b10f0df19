import { isJsonObject } from '../json-value';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionAtLeast } from './context';
import { componentProblem } from './report';
import type { ComponentEntry, ScreenModel } from './screen-model';

type Check = (context: RuleContext, model: ScreenModel, entry: ComponentEntry) => Problem[];

/** Pairs whose first value may not exceed the second (`MIN_VALUE_GREATER_THAN_MAX`). */
const MIN_MAX_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['min-selected-items', 'max-selected-items'],
  ['min-chars', 'max-chars'],
  ['min-days', 'max-days'],
  ['min-uploaded-photos', 'max-uploaded-photos'],
  ['min-uploaded-documents', 'max-uploaded-documents'],
  ['min-date', 'max-date'],
];

const PATTERN_INPUT_TYPES = new Set(['text', 'number', 'password', 'passcode']);
const RANGE_ONLY = ['title', 'description', 'min-days', 'max-days'] as const;

/** Rules that tie properties of one component together (spec A5). */
export function checkPropertyPairs(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const model of context.models) {
    for (const entry of model.components) {
      for (const check of CHECKS) {
        problems.push(...check(context, model, entry));
      }
    }
  }

  return problems;
}

const checkMinMax: Check = (_context, model, entry) =>
  MIN_MAX_PAIRS.filter(([minKey]) => minKey in entry.component).flatMap(([minKey, maxKey]) => {
    const minimum = entry.component[minKey];
    const maximum = entry.component[maxKey];
    const comparable =
      (typeof minimum === 'number' && typeof maximum === 'number') ||
      (minKey === 'min-date' &&
        typeof minimum === 'string' &&
        typeof maximum === 'string' &&
        !minimum.startsWith('$') &&
        !maximum.startsWith('$'));
    const tooBig =
      comparable &&
      (typeof minimum === 'number'
        ? minimum > Number(maximum)
        : compareDates(String(minimum), String(maximum)) > 0);

    return tooBig
      ? [
          componentProblem(
            model,
            entry,
            'MIN_VALUE_GREATER_THAN_MAX',
            `“${minKey}” (${String(minimum)}) is greater than “${maxKey}” (${String(maximum)}).`,
            { at: [minKey] },
          ),
        ]
      : [];
  });

function compareDates(left: string, right: string): number {
  const [a, b] = [left, right].map((value) =>
    /^\d+$/.test(value) ? Number(value) : Date.parse(value),
  );

  return Number.isNaN(a) || Number.isNaN(b) ? 0 : Number(a) - Number(b);
}

/** `label` became required on CheckboxGroup and RadioButtonsGroup in 4.0. */
const checkLabelRequired: Check = (context, model, entry) =>
  (entry.type === 'CheckboxGroup' || entry.type === 'RadioButtonsGroup') &&
  entry.component.label === undefined &&
  versionAtLeast(context, '4.0')
    ? [
        componentProblem(
          model,
          entry,
          'MISSING_REQUIRED_PROPERTY',
          '“label” is required from Flow JSON 4.0.',
          { at: ['label'] },
        ),
      ]
    : [];

/**
 * EmbeddedLink text: 25 characters. Meta's own 2.1 documentation examples use 30, so 2.1 is
 * let through; no later example breaks the limit.
 */
const checkEmbeddedLinkText: Check = (context, model, entry) => {
  const text = entry.component.text;

  return entry.type === 'EmbeddedLink' &&
    typeof text === 'string' &&
    text.length > 25 &&
    !text.startsWith('${') &&
    versionAtLeast(context, '3.0')
    ? [
        componentProblem(
          model,
          entry,
          'MAX_CHARS_EXCEEDED',
          '“text” is longer than 25 characters.',
          { at: ['text'] },
        ),
      ]
    : [];
};

const checkPattern: Check = (_context, model, entry) => {
  const pattern = entry.component.pattern;
  if (entry.type !== 'TextInput' || typeof pattern !== 'string') {
    return [];
  }
  const problems: Problem[] = [];
  if (entry.component['helper-text'] === undefined) {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_DEPENDENCIES',
        '“pattern” needs a “helper-text” that tells the user what to type.',
        { at: ['pattern'] },
      ),
    );
  }
  const inputType = entry.component['input-type'] ?? 'text';
  if (typeof inputType === 'string' && !PATTERN_INPUT_TYPES.has(inputType)) {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_DEPENDENCIES',
        `“pattern” works only with input-type text, number, password or passcode, not “${inputType}”.`,
        { at: ['pattern'] },
      ),
    );
  }
  if (!pattern.startsWith('${') && !isRegExp(pattern)) {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_PROPERTY_VALUE',
        '“pattern” is not a valid regular expression.',
        { at: ['pattern'] },
      ),
    );
  }

  return problems;
};

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');

    return true;
  } catch {
    return false;
  }
}

/** Footer: left and right captions together, or a center caption alone (spec A5). */
const checkCaptions: Check = (_context, model, entry) => {
  if (entry.type !== 'Footer') {
    return [];
  }
  const has = (key: string) => entry.component[key] !== undefined;
  if (has('center-caption') && (has('left-caption') || has('right-caption'))) {
    return [
      componentProblem(
        model,
        entry,
        'INVALID_DEPENDENCIES',
        '“center-caption” cannot be combined with “left-caption” or “right-caption”.',
        { at: ['center-caption'] },
      ),
    ];
  }
  if (has('left-caption') !== has('right-caption')) {
    const missing = has('left-caption') ? 'right-caption' : 'left-caption';

    return [
      componentProblem(
        model,
        entry,
        'INVALID_DEPENDENCIES',
        '“left-caption” and “right-caption” must be used together.',
        { at: [missing === 'left-caption' ? 'right-caption' : 'left-caption'] },
      ),
    ];
  }

  return [];
};

/** CalendarPicker: title, description, min-days and max-days exist in range mode only. */
const checkCalendarMode: Check = (_context, model, entry) => {
  if (entry.type !== 'CalendarPicker') {
    return [];
  }
  const range = entry.component.mode === 'range';
  const problems = range
    ? []
    : RANGE_ONLY.filter((key) => key in entry.component).map((key) =>
        componentProblem(
          model,
          entry,
          'INVALID_DEPENDENCIES',
          `“${key}” is only for mode "range".`,
          { at: [key] },
        ),
      );
  for (const key of ['label', 'helper-text', 'required', 'init-value', 'error-message']) {
    const value = entry.component[key];
    if (value !== undefined && isJsonObject(value) !== range) {
      const wanted = range ? 'an object with "start-date" and "end-date"' : 'a single value';
      problems.push(
        componentProblem(
          model,
          entry,
          'INVALID_PROPERTY_TYPE',
          `in mode "${range ? 'range' : 'single'}", “${key}” must be ${wanted}.`,
          { at: [key] },
        ),
      );
    }
  }

  return problems;
};

/** NavigationList: one action place, one badge, no `end` with large media (spec A5). */
const checkNavigationList: Check = (_context, model, entry) => {
  const items = entry.component['list-items'];
  if (entry.type !== 'NavigationList' || !Array.isArray(items)) {
    return [];
  }
  const objects = items.filter(isJsonObject);
  const problems: Problem[] = [];
  const onList = entry.component['on-click-action'] !== undefined;
  const withAction = objects.filter((item) => item['on-click-action'] !== undefined).length;
  if (onList && withAction > 0) {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_DEPENDENCIES',
        'set “on-click-action” either on the list or on its items, not both.',
        { at: ['on-click-action'] },
      ),
    );
  } else if (!onList && withAction !== objects.length) {
    problems.push(
      componentProblem(
        model,
        entry,
        'MISSING_REQUIRED_PROPERTY',
        'without an “on-click-action” on the list, every item needs its own.',
        { at: ['list-items'] },
      ),
    );
  }
  const badges = objects.filter((item) => item.badge !== undefined).length;
  if (badges > 1) {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_PROPERTY_VALUE',
        `only one item may have a “badge”; ${badges} do.`,
        { at: ['list-items'] },
      ),
    );
  }
  if (entry.component['media-size'] === 'large') {
    items.forEach((item: unknown, index) => {
      if (isJsonObject(item) && item.end !== undefined) {
        problems.push(
          componentProblem(
            model,
            entry,
            'INVALID_DEPENDENCIES',
            'an item cannot have “end” when “media-size” is "large".',
            { at: ['list-items', index, 'end'] },
          ),
        );
      }
    });
  }

  return problems;
};

/** Dropdown: up to 200 options, but 100 once any option has an image. */
const checkDropdownImages: Check = (_context, model, entry) => {
  const items = entry.component['data-source'];
  if (entry.type !== 'Dropdown' || !Array.isArray(items) || items.length <= 100) {
    return [];
  }
  const withImage = items.some((item: unknown) => isJsonObject(item) && item.image !== undefined);

  return withImage
    ? [
        componentProblem(
          model,
          entry,
          'MAX_ITEMS_EXCEEDED',
          'a Dropdown with images may have at most 100 options.',
          { at: ['data-source'] },
        ),
      ]
    : [];
};

const CHECKS: readonly Check[] = [
  checkMinMax,
  checkLabelRequired,
  checkEmbeddedLinkText,
  checkPattern,
  checkCaptions,
  checkCalendarMode,
  checkNavigationList,
  checkDropdownImages,
];
