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
 * The files synth changes in one dist/<env> folder, written next to their targets as `<file>.synth-tmp` while the
 * environment is built (so memory never holds a fleet's files), and renamed into place only when every check of
 * every environment passed. `discard` removes them, and any folder staging created, leaving dist/ as it was.
 */
export class StagedTree {
  private readonly staged: string[] = [];
  private readonly createdFolders: string[] = [];
  private readonly knownFolders = new Set<string>();

  constructor(readonly dir: string) {}

  stage(rel: string, content: string): void {
    const path = join(this.dir, rel);
    const folder = dirname(path);
    if (!this.knownFolders.has(folder)) {
      // mkdirSync returns the first folder it had to create: remembered, so discard can take it away again.
      const created = mkdirSync(folder, { recursive: true });
      if (created) this.createdFolders.push(created);
      this.knownFolders.add(folder);
    }
    writeFileSync(path + TEMP_SUFFIX, content);
    this.staged.push(path);
  }

  /** Renames the staged files into place and removes the files of `removed` (and folders they leave empty). */
  commit(removed: readonly string[]): void {
    for (const path of this.staged) renameSync(path + TEMP_SUFFIX, path);
    this.staged.length = 0;
    for (const rel of removed) rmSync(join(this.dir, rel), { force: true });
    removeEmptyFolders(this.dir, new Set(removed.map((rel) => dirname(rel))));
  }

  discard(): void {
    for (const path of this.staged) rmSync(path + TEMP_SUFFIX, { force: true });
    this.staged.length = 0;
    for (const folder of this.createdFolders.reverse()) rmSync(folder, { recursive: true, force: true });
    this.createdFolders.length = 0;
  }
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
