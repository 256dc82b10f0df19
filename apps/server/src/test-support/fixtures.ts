import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-data');

export function readTestData(fileName: string): string {
  return readFileSync(path.join(TEST_DATA, fileName), 'utf8');
}
