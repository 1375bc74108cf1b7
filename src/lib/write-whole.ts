import { renameSync, writeFileSync } from 'node:fs';

/** Writes a file whole or not at all, even when two runs write it at once: to a file of its own, then renamed. */
export function writeWhole(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
