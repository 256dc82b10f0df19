import { z } from 'zod';

export const FLOW_NAME_MAX_LENGTH = 200;

export const FlowNameSchema = z
  .string()
  .trim()
  .min(1, 'A Flow needs a name')
  .max(FLOW_NAME_MAX_LENGTH, `A Flow name has at most ${FLOW_NAME_MAX_LENGTH} characters`);

/** A readable Flow name from an imported file name: `survey_v3.1.flow.json` → `survey_v3.1`. */
export function flowNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.replace(/(\.flow)?\.json$/i, '').trim();

  return (name || 'Imported Flow').slice(0, FLOW_NAME_MAX_LENGTH);
}
