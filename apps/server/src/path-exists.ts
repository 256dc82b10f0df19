import { stat } from 'node:fs/promises';

/** Whether anything is at `target`: a file or a folder, readable or not. */
export async function pathExists(target: string): Promise<boolean> {
  return stat(target).then(
    () => true,
    () => false,
  );
}
