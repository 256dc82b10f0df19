import { readFileSync, readdirSync } from 'node:fs';

/** One Flow from the real Meta fixtures kept in this package's test-data folder. */
export interface FixtureFlow {
  name: string;
  text: string;
  flow: unknown;
}

const TEST_DATA = new URL('../test-data/', import.meta.url);

/**
 * Every Flow in a test-data folder (this package's by default): `*.flow.json` files hold one
 * Flow, `*.flows.json` files hold an object of Flows keyed by example name.
 */
export function loadFixtureFlows(folder: URL = TEST_DATA): FixtureFlow[] {
  return readdirSync(folder)
    .sort()
    .flatMap((file): FixtureFlow[] => {
      const text = readFileSync(new URL(file, folder), 'utf8');
      if (file.endsWith('.flow.json')) {
        return [{ name: file, text, flow: JSON.parse(text) }];
      }
      if (file.endsWith('.flows.json')) {
        const collection = JSON.parse(text) as Record<string, unknown>;

        return Object.entries(collection).map(([example, flow]) => ({
          name: `${file} › ${example}`,
          text: JSON.stringify(flow, null, 2),
          flow,
        }));
      }

      return [];
    });
}
