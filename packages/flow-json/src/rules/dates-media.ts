import { isJsonObject } from '../json-value';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionAtLeast } from './context';
import { componentProblem } from './report';
import type { ComponentEntry, ScreenModel } from './screen-model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EPOCH_MS = /^\d+$/;
const DATE_KEYS = ['min-date', 'max-date', 'unavailable-dates', 'init-value'] as const;
const KB = 1024;

/** Date formats of DatePicker/CalendarPicker and the size of base64 images (spec A5, 0.2). */
export function checkDatesAndMedia(context: RuleContext): Problem[] {
  return context.models.flatMap((model) =>
    model.components.flatMap((entry) => [
      ...checkDates(context, model, entry),
      ...checkImages(context, model, entry),
    ]),
  );
}

function checkDates(context: RuleContext, model: ScreenModel, entry: ComponentEntry): Problem[] {
  if (entry.type !== 'DatePicker' && entry.type !== 'CalendarPicker') {
    return [];
  }
  // DatePicker values were ms-epoch strings before 5.0 and "YYYY-MM-DD" from 5.0 (breaking).
  const iso = entry.type === 'CalendarPicker' || versionAtLeast(context, '5.0');
  const problems: Problem[] = [];
  for (const key of DATE_KEYS) {
    for (const [path, value] of literalDates(entry.component[key], [key])) {
      const valid = iso ? isIsoDate(value) : EPOCH_MS.test(value);
      if (!valid) {
        const wanted = iso
          ? 'a date written "YYYY-MM-DD"'
          : 'a time in milliseconds since 1970 written as text, such as "1696892400000" (before Flow JSON 5.0)';
        problems.push(
          componentProblem(
            model,
            entry,
            'INVALID_PROPERTY_VALUE_FORMAT',
            `“${path.join('.')}” must be ${wanted}, not "${value}".`,
            { at: path },
          ),
        );
      }
    }
  }

  return problems;
}

/** The literal date texts in a property: a text, a list of texts, or a start/end object. */
function literalDates(
  value: unknown,
  path: Array<string | number>,
): Array<[Array<string | number>, string]> {
  if (typeof value === 'string') {
    return value.startsWith('${') || value.startsWith('`') ? [] : [[path, value]];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, index) => literalDates(item, [...path, index]));
  }
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => literalDates(item, [...path, key]));
  }

  return [];
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));

  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Decoded size of base64 text, in bytes. */
export function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;

  return Math.floor((text.length * 3) / 4) - padding;
}

function checkImages(context: RuleContext, model: ScreenModel, entry: ComponentEntry): Problem[] {
  const component = entry.component;
  if (
    entry.type !== 'Image' &&
    !Array.isArray(component['data-source']) &&
    !Array.isArray(component['list-items'])
  ) {
    return [];
  }
  const problems: Problem[] = [];
  const limit = (
    path: Array<string | number>,
    image: unknown,
    bytes: number,
    severity: 'error' | 'warning' = 'error',
  ) => {
    if (typeof image === 'string' && !image.startsWith('${') && base64Bytes(image) > bytes) {
      const message = `the image “${path.join('.')}” is ${Math.ceil(base64Bytes(image) / KB)} KB; the limit is ${bytes / KB} KB.`;
      problems.push(
        componentProblem(model, entry, 'INVALID_PROPERTY_VALUE', message, { at: path, severity }),
      );
    }
  };
  const items = entry.component['data-source'];
  if (Array.isArray(items)) {
    // List-item images: 300 KB before 6.0, 100 KB from 6.0.
    const itemLimit = versionAtLeast(context, '6.0') ? 100 * KB : 300 * KB;
    items.forEach((item: unknown, index) => {
      if (isJsonObject(item)) {
        limit(['data-source', index, 'image'], item.image, itemLimit);
      }
    });
  }
  const listItems = entry.component['list-items'];
  if (Array.isArray(listItems)) {
    listItems.forEach((item: unknown, index) => {
      if (isJsonObject(item) && isJsonObject(item.start)) {
        limit(['list-items', index, 'start', 'image'], item.start.image, 100 * KB);
      }
    });
  }
  if (entry.type === 'Image') {
    // Meta asks to keep an Image under 300 KB; larger ones load slowly but are accepted.
    limit(['src'], entry.component.src, 300 * KB, 'warning');
  }

  return problems;
}
