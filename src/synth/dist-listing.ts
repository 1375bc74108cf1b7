import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartCache } from './chart-cache.js';
import { listFiles } from './dist-tree.js';

/**
 * Every file under one dist/<env> folder (relative paths), like listFiles, but a chart folder whose modification
 * time is the one synth's cache recorded is taken from the cache instead of being listed: nothing was added to it or
 * removed since. Listing tens of thousands of files costs more than a one-tenant change may take.
 */
export function listEnvironment(dir: string, cache?: ChartCache): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      files.push(entry.name);
      continue;
    }
    const path = join(dir, entry.name);
    const known = cache?.folderFiles(entry.name, statSync(path).mtimeMs);
    if (known) files.push(...known);
    else for (const rel of listFiles(path)) files.push(`${entry.name}/${rel}`);
  }
  return files;
}
