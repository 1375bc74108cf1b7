import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Suffix of the temporary files synth writes before renaming them into place; .gitignore'd. */
export const TEMP_SUFFIX = '.synth-tmp';

/** What synth would change in one dist/<env> folder. Paths are relative to that folder, sorted. */
export interface TreeChanges {
  readonly added: string[];
  readonly changed: string[];
  readonly removed: string[];
}

export const changeCount = (c: TreeChanges) => c.added.length + c.changed.length + c.removed.length;

/** "+14 ~1 -0", or "unchanged". */
export function summarize(c: TreeChanges): string {
  return changeCount(c) === 0 ? 'unchanged' : `+${c.added.length} ~${c.changed.length} -${c.removed.length}`;
}

/** Every file under `dir` (relative paths), or none when it does not exist. Left-over temp files count as files. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/**
 * Applies `changes` to `dir`, touching only the files that differ: `writes` holds the content of each added or
 * changed file, which is written to a temporary file and renamed over its target, so no file is ever half-written.
 * Folders left empty are removed.
 */
export function applyTree(dir: string, writes: ReadonlyMap<string, string>, changes: TreeChanges): void {
  const made = new Set<string>();
  for (const rel of [...changes.added, ...changes.changed]) {
    const path = join(dir, rel);
    const folder = dirname(path);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path + TEMP_SUFFIX, writes.get(rel)!);
    renameSync(path + TEMP_SUFFIX, path);
  }
  for (const rel of changes.removed) rmSync(join(dir, rel), { force: true });
  removeEmptyFolders(dir, new Set(changes.removed.map((rel) => dirname(rel))));
}

/** Removes the folders (and their parents inside `dir`) that removals may have emptied. */
function removeEmptyFolders(dir: string, candidates: ReadonlySet<string>): void {
  const byDepth = [...candidates].filter((d) => d !== '.').sort((a, b) => b.split('/').length - a.split('/').length);
  for (const rel of byDepth) {
    for (let d = rel; d !== '.' && d !== ''; d = dirname(d)) {
      const path = join(dir, d);
      if (!existsSync(path) || readdirSync(path).length > 0) break;
      rmdirSync(path);
    }
  }
}
