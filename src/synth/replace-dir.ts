import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `files` into a fresh temporary folder next to `target` and returns its path. */
export function writeStaging(target: string, files: ReadonlyMap<string, string>): string {
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [rel, content] of files) {
    const path = join(staging, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  mkdirSync(staging, { recursive: true });
  return staging;
}

/**
 * Replaces `target` with `staging` by renames on one file system: readers see the old folder or the new one,
 * never a mix, and no file of the old folder survives (cdk8s itself never deletes stale files).
 */
export function swapIn(staging: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
}
