import { rm } from 'node:fs/promises';

/** Removes the database folder the run's server used; every run starts from an empty one. */
export default async function globalTeardown(): Promise<void> {
  const dataDir = process.env.SFLOW_E2E_DATA_DIR;
  if (dataDir !== undefined) {
    await rm(dataDir, { recursive: true, force: true });
  }
}
