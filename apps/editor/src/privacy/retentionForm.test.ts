import { describe, expect, it } from 'vitest';

import { changesOf, draftOf, phoneDigits, type RetentionSettings } from './retentionForm';

const DEFAULTS: RetentionSettings = {
  rawWebhookHours: 24,
  deleteDeliveredSubmissions: true,
  submissionDays: 30,
  logDays: 14,
  sessionDays: 7,
  alertDays: 90,
  auditDays: 365,
};

describe('the retention form', () => {
  it('sends only what changed', () => {
    const draft = { ...draftOf(DEFAULTS), logDays: '21', deleteDeliveredSubmissions: false };

    expect(changesOf(DEFAULTS, draft)).toEqual({
      ok: true,
      changes: { logDays: 21, deleteDeliveredSubmissions: false },
    });
    expect(changesOf(DEFAULTS, draftOf(DEFAULTS))).toEqual({ ok: true, changes: {} });
  });

  it('names each field out of bounds or not a whole number', () => {
    const draft = { ...draftOf(DEFAULTS), rawWebhookHours: '48', auditDays: '1.5' };

    expect(changesOf(DEFAULTS, draft)).toEqual({
      ok: false,
      problems: [
        'Raw webhook bodies left over: a whole number of hours from 1 to 24',
        'Audit log: a whole number of days from 30 to 3650',
      ],
    });
  });

  it('reads a phone number as its digits', () => {
    expect(phoneDigits('+33 6 12-34-56-78')).toBe('33612345678');
  });
});
