import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** Compares the wanted files with what `dir` holds, byte for byte. */
export function diffTree(dir: string, wanted: ReadonlyMap<string, string>): TreeChanges {
  const existing = listFiles(dir);
  const existingSet = new Set(existing);
  const added: string[] = [];
  const changed: string[] = [];
  for (const [rel, content] of wanted) {
    if (!existingSet.has(rel)) added.push(rel);
    else if (readFileSync(join(dir, rel), 'utf8') !== content) changed.push(rel);
  }
  const removed = existing.filter((rel) => !wanted.has(rel));
  return { added: added.sort(), changed: changed.sort(), removed };
}

/**
 * Makes `dir` hold exactly `wanted`, touching only the files that differ: each is written to a temporary file and
 * renamed over its target, so no file is ever half-written. Folders left empty are removed.
 */
export function applyTree(dir: string, wanted: ReadonlyMap<string, string>, changes: TreeChanges): void {
  for (const rel of [...changes.added, ...changes.changed]) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path + TEMP_SUFFIX, wanted.get(rel)!);
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
