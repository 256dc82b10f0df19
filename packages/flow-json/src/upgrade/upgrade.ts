import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { validateFlowJson } from '../validate';
import { compareVersions, isAtLeast, isFlowJsonVersion } from '../versions';
import type { FlowJsonVersion } from '../versions';
import { UPGRADE_STEPS } from './steps';
import type { UpgradeNote } from './steps';

export type FlowUpgrade =
  | {
      ok: true;
      flow: JsonObject;
      from: FlowJsonVersion;
      to: FlowJsonVersion;
      /** What was rewritten. */
      changes: UpgradeNote[];
      /** What a person still has to change: validation errors of the result, and behaviour changes. */
      manual: UpgradeNote[];
    }
  | { ok: false; message: string };

/**
 * Rewrites a Flow for a newer Flow JSON version where the change is mechanical (spec 0.2) and
 * lists what it cannot change. Pure: the input is not modified.
 */
export function upgradeFlowJson(document: unknown, to: FlowJsonVersion): FlowUpgrade {
  if (!isJsonObject(document) || !isFlowJsonVersion(document.version)) {
    return { ok: false, message: 'the file is not a Flow with a known “version”' };
  }
  const from = document.version;
  if (compareVersions(to, from) < 0) {
    return {
      ok: false,
      message: `the Flow is version ${from}; it cannot be upgraded to the older ${to}`,
    };
  }
  const flow = structuredClone(document);
  const changes: UpgradeNote[] = [];
  const manual: UpgradeNote[] = [];
  for (const step of UPGRADE_STEPS) {
    if (!isAtLeast(from, step.version) && isAtLeast(to, step.version)) {
      const result = step.apply(flow);
      changes.push(...result.changes);
      manual.push(...result.manual);
    }
  }
  if (from !== to) {
    flow.version = to;
    changes.unshift({ pointer: '/version', message: `changed the version from ${from} to ${to}` });
  }
  const errors = validateFlowJson(flow).filter((problem) => problem.severity === 'error');
  manual.push(...errors.map(({ pointer, message }) => ({ pointer, message })));

  return { ok: true, flow, from, to, changes, manual };
}
