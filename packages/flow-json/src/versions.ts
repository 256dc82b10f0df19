/** Every Flow JSON version Meta has released, oldest first (spec 0.1). */
export const FLOW_JSON_VERSIONS = [
  '2.1',
  '3.0',
  '3.1',
  '4.0',
  '5.0',
  '5.1',
  '6.0',
  '6.1',
  '6.2',
  '6.3',
  '7.0',
  '7.1',
  '7.2',
  '7.3',
] as const;

export type FlowJsonVersion = (typeof FLOW_JSON_VERSIONS)[number];

/** Versions Meta still accepts when a Flow is published; older ones can only be sent. */
export const PUBLISHABLE_FLOW_JSON_VERSIONS: readonly FlowJsonVersion[] = [
  '5.1',
  '6.0',
  '6.1',
  '6.2',
  '6.3',
  '7.0',
  '7.1',
  '7.2',
  '7.3',
];

export const LATEST_FLOW_JSON_VERSION: FlowJsonVersion = '7.3';

export function isFlowJsonVersion(value: unknown): value is FlowJsonVersion {
  return typeof value === 'string' && (FLOW_JSON_VERSIONS as readonly string[]).includes(value);
}

/** Orders `"major.minor"` strings numerically (the minor part may exceed 9). */
export function compareVersions(left: string, right: string): number {
  return versionRank(left) - versionRank(right);
}

// Rules compare versions for every component: ranks are computed once per version string.
const ranks = new Map<string, number>();

function versionRank(version: string): number {
  let rank = ranks.get(version);
  if (rank === undefined) {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    rank = major * 100_000 + minor;
    if (ranks.size < 1000) {
      ranks.set(version, rank);
    }
  }

  return rank;
}

export function isAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}
