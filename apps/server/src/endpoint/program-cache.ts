import type { EndpointFlowRecord } from '@sanjay-flow/db';
import { compileProgram, upgradeGraphDocument } from '@sanjay-flow/graph';
import type { Program } from '@sanjay-flow/runtime';

const MAX_PROGRAMS = 500;

/**
 * Compiled programs by Flow and revision: every save bumps the revision, so a cached program
 * is never stale, and compiling once per revision keeps it off the request path.
 */
export function createProgramCache() {
  const programs = new Map<string, Program>();

  return (flow: EndpointFlowRecord): Program => {
    const key = `${flow.id}:${flow.revision}`;
    const cached = programs.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const program = compileProgram(upgradeGraphDocument(flow.graph));
    if (programs.size >= MAX_PROGRAMS) {
      const oldest = programs.keys().next();
      if (oldest.done !== true) {
        programs.delete(oldest.value);
      }
    }
    programs.set(key, program);

    return program;
  };
}
