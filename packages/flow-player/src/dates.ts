import { isAtLeast } from '@sanjay-flow/flow-json';
import type { FlowJsonVersion } from '@sanjay-flow/flow-json';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EPOCH_MS = /^\d{1,15}$/;
const DAY_MS = 86_400_000;
const WEEK_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * How a version writes dates: "YYYY-MM-DD" from 5.0, before that the milliseconds since 1970
 * as text (spec A5, E4). CalendarPicker, newer than 5.0, always uses the first form.
 */
export type DateFormat = 'iso' | 'epoch';

export function dateFormatOf(version: FlowJsonVersion): DateFormat {
  return isAtLeast(version, '5.0') ? 'iso' : 'epoch';
}

/** Milliseconds since 1970 (UTC) of a date written in `format`; `undefined` when it is not one. */
export function dateValue(text: string, format: DateFormat): number | undefined {
  if (format === 'epoch') {
    return EPOCH_MS.test(text) ? Number(text) : undefined;
  }
  const match = ISO_DATE.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;

  return real ? time : undefined;
}

/** "Mon" … "Sun" for an ISO date. */
export function weekDayOf(time: number): (typeof WEEK_DAYS)[number] {
  return WEEK_DAYS[new Date(time).getUTCDay()] ?? 'Sun';
}

/** Days from `start` to `end`, both counted. */
export function daysCounted(start: number, end: number): number {
  return Math.round((end - start) / DAY_MS) + 1;
}

/** Why a date cannot be chosen (outside min/max, unavailable, excluded weekday), if it cannot. */
export function dateProblem(
  text: string,
  format: DateFormat,
  limits: { min?: unknown; max?: unknown; unavailable?: unknown; includeDays?: unknown },
): string | undefined {
  const time = dateValue(text, format);
  if (time === undefined) {
    return `${text} is not a date`;
  }
  const min = typeof limits.min === 'string' ? dateValue(limits.min, format) : undefined;
  const max = typeof limits.max === 'string' ? dateValue(limits.max, format) : undefined;
  if (min !== undefined && time < min) {
    return `${text} is before the first date allowed, ${String(limits.min)}`;
  }
  if (max !== undefined && time > max) {
    return `${text} is after the last date allowed, ${String(limits.max)}`;
  }
  const unavailable = Array.isArray(limits.unavailable) ? limits.unavailable : [];
  if (unavailable.some((day) => typeof day === 'string' && dateValue(day, format) === time)) {
    return `${text} is not available`;
  }
  const days = Array.isArray(limits.includeDays) ? limits.includeDays : undefined;
  if (days !== undefined && !days.includes(weekDayOf(time))) {
    return `${text} falls on a ${weekDayOf(time)}, which cannot be chosen`;
  }

  return undefined;
}
