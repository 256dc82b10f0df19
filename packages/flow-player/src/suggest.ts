import { asText } from './evaluate';
import type { PickedMedia } from './state';
import type { ComponentView, InputView } from './view';

const DAY_MS = 86_400_000;

/**
 * Values a customer might enter in a shown input, most likely to be accepted first: a
 * simulated customer or a preview's "fill in" tries them in order until the input's `error`
 * is gone. Dates respect `min-date`; options are the enabled ones; files are descriptions
 * without content (a caller that uploads real files supplies its own).
 */
export function suggestedValues(component: ComponentView): unknown[] {
  const { input, properties } = component;

  return input === undefined ? [] : suggestionsFor(input, properties);
}

function suggestionsFor(input: InputView, properties: Record<string, unknown>): unknown[] {
  switch (input.type) {
    case 'TextInput':
      return textCandidates(properties);
    case 'TextArea':
      return ['A few words about it'];
    case 'RadioButtonsGroup':
    case 'Dropdown':
      return enabledIds(input).map((id) => id);
    case 'CheckboxGroup':
    case 'ChipsSelector': {
      const ids = enabledIds(input);
      const wanted = Math.max(Number(properties['min-selected-items'] ?? 1), 1);

      return [ids.slice(0, wanted), ids.slice(0, 1)];
    }
    case 'OptIn':
      return [true];
    case 'DatePicker':
      return dateCandidates(properties, /^\d+$/.test(asText(properties['min-date'])));
    case 'CalendarPicker':
      return calendarCandidates(properties);
    case 'PhotoPicker':
      return [media(properties, 'photos', 'image/jpeg')];
    case 'DocumentPicker': {
      const allowed = properties['allowed-mime-types'];
      const type = Array.isArray(allowed) ? String(allowed[0]) : 'application/pdf';

      return [media(properties, 'documents', type)];
    }
  }
}

function textCandidates(properties: Record<string, unknown>): string[] {
  const min = Number(properties['min-chars'] ?? 0);
  const byType: Record<string, string> = {
    email: 'ana@example.com',
    number: '42',
    phone: '+15550100',
    passcode: '1234',
    password: 'secret-pass',
  };
  const first = byType[asText(properties['input-type'])] ?? 'Ana Lima';

  return [first.padEnd(min, '0'), '42', 'ABC123', 'abc', '2026-03-15'];
}

function enabledIds(input: InputView): string[] {
  return (input.options ?? []).filter((option) => option.enabled).map((option) => option.id);
}

function dateCandidates(properties: Record<string, unknown>, epoch: boolean): string[] {
  const start = startOf(properties['min-date'], epoch);

  return Array.from({ length: 40 }, (_, day) => formatDate(start + day * DAY_MS, epoch));
}

function calendarCandidates(properties: Record<string, unknown>): unknown[] {
  const days = dateCandidates(properties, false);
  if (properties.mode !== 'range') {
    return days;
  }
  const span = Math.max(Number(properties['min-days'] ?? 1), 1);

  return days.flatMap((start, index) =>
    days.slice(index + span - 1, index + span + 3).map((end) => ({
      'start-date': start,
      'end-date': end,
    })),
  );
}

function startOf(min: unknown, epoch: boolean): number {
  if (typeof min === 'string' && min !== '') {
    return epoch ? Number(min) : Date.parse(`${min}T00:00:00Z`);
  }

  return Date.parse('2026-03-16T00:00:00Z');
}

function formatDate(time: number, epoch: boolean): string {
  return epoch ? String(time) : new Date(time).toISOString().slice(0, 10);
}

function media(properties: Record<string, unknown>, noun: string, mimeType: string): PickedMedia[] {
  const count = Math.max(Number(properties[`min-uploaded-${noun}`] ?? 1), 1);

  return Array.from({ length: count }, (_, index) => ({
    id: `media-${index + 1}`,
    file_name: `file-${index + 1}`,
    mime_type: mimeType,
    size_kb: 12,
  }));
}
