import { loadFixtureFlows as loadFlowsIn } from '../../flow-json/src/fixtures.test-helper';
import type { FixtureFlow } from '../../flow-json/src/fixtures.test-helper';

export type { FixtureFlow };

/** Every Meta fixture Flow in this package's test-data folder, read as flow-json's tests read theirs. */
export function loadFixtureFlows(): FixtureFlow[] {
  return loadFlowsIn(new URL('../test-data/', import.meta.url));
}
