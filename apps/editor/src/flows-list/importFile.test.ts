import { describe, expect, it } from 'vitest';

import { checkImportFile, maxImportBytes } from './importFile';

describe('checkImportFile', () => {
  it('accepts a .json file with a JSON or unknown type', () => {
    expect(checkImportFile({ name: 'survey.json', type: 'application/json', size: 10 })).toEqual({
      ok: true,
    });
    expect(checkImportFile({ name: 'SURVEY.JSON', type: '', size: 10 })).toEqual({ ok: true });
  });

  it('refuses other extensions and contradicting types', () => {
    expect(checkImportFile({ name: 'logo.png', type: 'image/png', size: 10 }).ok).toBe(false);
    expect(checkImportFile({ name: 'logo.json', type: 'image/png', size: 10 }).ok).toBe(false);
    expect(checkImportFile({ name: 'flow.txt', type: '', size: 10 }).ok).toBe(false);
  });

  it('refuses files over the limit and accepts one at the limit', () => {
    const over = checkImportFile({ name: 'big.json', type: '', size: maxImportBytes + 1 });
    expect(over).toEqual({ ok: false, message: expect.stringContaining('too large') as string });
    expect(checkImportFile({ name: 'big.json', type: '', size: maxImportBytes }).ok).toBe(true);
  });

  it('refuses an empty file', () => {
    expect(checkImportFile({ name: 'empty.json', type: '', size: 0 }).ok).toBe(false);
  });
});
