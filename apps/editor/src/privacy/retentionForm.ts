import type { RouterOutputs } from '../api/types';

/** The retention settings as the server keeps them. */
export type RetentionSettings = RouterOutputs['privacy']['retention']['settings'];

export type NumericSetting = Exclude<keyof RetentionSettings, 'deleteDeliveredSubmissions'>;

export interface NumericField {
  key: NumericSetting;
  label: string;
  unit: 'hours' | 'days';
  min: number;
  max: number;
}

/** The number inputs of the form, with the server's bounds so the browser can say them first. */
export const NUMERIC_FIELDS: readonly NumericField[] = [
  { key: 'rawWebhookHours', label: 'Raw webhook bodies left over', unit: 'hours', min: 1, max: 24 },
  {
    key: 'submissionDays',
    label: 'Responses not deleted on delivery',
    unit: 'days',
    min: 1,
    max: 365,
  },
  { key: 'sessionDays', label: 'Finished Flow sessions', unit: 'days', min: 1, max: 90 },
  {
    key: 'logDays',
    label: 'Logs (calls, webhooks, deliveries, messages)',
    unit: 'days',
    min: 7,
    max: 90,
  },
  { key: 'alertDays', label: 'Flow alerts', unit: 'days', min: 7, max: 365 },
  { key: 'auditDays', label: 'Audit log', unit: 'days', min: 30, max: 3650 },
];

/** The form's text for each number, as typed. */
export type RetentionDraft = Record<NumericSetting, string> & {
  deleteDeliveredSubmissions: boolean;
};

export function draftOf(settings: RetentionSettings): RetentionDraft {
  const numbers = Object.fromEntries(
    NUMERIC_FIELDS.map((field) => [field.key, String(settings[field.key])]),
  ) as Record<NumericSetting, string>;

  return { ...numbers, deleteDeliveredSubmissions: settings.deleteDeliveredSubmissions };
}

export type DraftResult =
  { ok: true; changes: Partial<RetentionSettings> } | { ok: false; problems: string[] };

/** The settings that differ from `current`, or what is wrong with the draft, field by field. */
export function changesOf(current: RetentionSettings, draft: RetentionDraft): DraftResult {
  const problems: string[] = [];
  const changes: Partial<RetentionSettings> = {};
  for (const field of NUMERIC_FIELDS) {
    const text = draft[field.key].trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < field.min || value > field.max) {
      problems.push(
        `${field.label}: a whole number of ${field.unit} from ${field.min} to ${field.max}`,
      );
    } else if (value !== current[field.key]) {
      changes[field.key] = value;
    }
  }
  if (draft.deleteDeliveredSubmissions !== current.deleteDeliveredSubmissions) {
    changes.deleteDeliveredSubmissions = draft.deleteDeliveredSubmissions;
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

/** Digits only, as the server stores a number; for file names and for comparing two entries. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}
