import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartCache } from './chart-cache.js';
import { listFiles } from './dist-tree.js';

/** What one dist/<env> folder holds, as far as it can be known without listing tens of thousands of files. */
export interface EnvironmentScan {
  /** Files at the top of the folder (the README, or anything put there by hand). */
  readonly topFiles: readonly string[];
  /** Folders whose modification time is the one the cache recorded: they hold the files the cache recorded in them. */
  readonly unchanged: ReadonlySet<string>;
  /** Every other folder, with the names of the files in it (relative to the folder). */
  readonly listed: ReadonlyMap<string, readonly string[]>;
}

/**
 * Scans one dist/<env> folder: a folder's modification time changes when a file is added to it or removed, so one
 * with the time synth's cache recorded needs no listing (synth and validate both rely on this).
 */
export function scanEnvironment(dir: string, cache: ChartCache | undefined): EnvironmentScan {
  const topFiles: string[] = [];
  const unchanged = new Set<string>();
  const listed = new Map<string, string[]>();
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) topFiles.push(entry.name);
      else if (cache?.folderUnchanged(entry.name, statSync(join(dir, entry.name)).mtimeMs)) unchanged.add(entry.name);
      else listed.set(entry.name, listFiles(join(dir, entry.name)));
    }
  }
  return { topFiles, unchanged, listed };
}
