import { z } from 'zod';

export const FLOW_NAME_MAX_LENGTH = 200;

// Control characters cannot be stored in a text column, and bidirectional overrides make a
// name display as something it is not.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE_CHARACTERS = /[\s\u200b-\u200d\u2060\ufeff]/gu;

export const FlowNameSchema = z
  .string()
  .trim()
  .min(1, 'A Flow needs a name')
  .max(FLOW_NAME_MAX_LENGTH, `A Flow name has at most ${FLOW_NAME_MAX_LENGTH} characters`)
  .refine(
    (name) => !FORBIDDEN_CHARACTERS.test(name),
    'A Flow name cannot contain control characters',
  )
  .refine((name) => name.replace(INVISIBLE_CHARACTERS, '') !== '', 'A Flow needs a visible name');

/** A file name as a browser reports it: no path, no control characters. */
export const FileNameSchema = z
  .string()
  .trim()
  .min(1, 'The file needs a name')
  .max(255, 'A file name has at most 255 characters')
  .refine(
    (name) => !FORBIDDEN_CHARACTERS.test(name),
    'A file name cannot contain control characters',
  );

/** A readable Flow name from an imported file name: `survey_v3.1.flow.json` → `survey_v3.1`. */
export function flowNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.replace(/(\.flow)?\.json$/i, '').trim();

  return (name || 'Imported Flow').slice(0, FLOW_NAME_MAX_LENGTH);
}
