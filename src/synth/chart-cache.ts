import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestLike } from '../lib/pod-templates.js';

/**
 * One file synth wrote: its name in the unit's folder, the size and modification time it had when synth wrote or
 * checked it, the objectHash of its text (the object passed validation), and the object's identity
 * (`apiVersion|kind|namespace|name`, for the uniqueness check).
 */
export type CachedFile = readonly [name: string, size: number, mtimeMs: number, hash: string, identity: string];

/** What synth remembers of one unit it wrote: enough to skip it next time, to prove it may, and to check across units. */
export interface CachedUnit {
  /** Hash of everything the unit's output depends on (generator code, its inputs); absent for units rebuilt every run. */
  readonly key?: string;
  readonly folder: string;
  readonly files: readonly CachedFile[];
  /** The objects the GPU proofs read (node pools, workloads that request GPUs), by file name. */
  readonly gpu: readonly (readonly [name: string, object: ManifestLike])[];
  /**
   * The objects the environment's README reads (namespaces, policies, workloads), as JSON, with the namespace they
   * belong to: parsed only for the namespaces the README shows.
   */
  readonly wide: readonly (readonly [namespace: string, json: string])[];
}

interface CacheFile {
  readonly format: 4;
  /** Modification time of each folder when synth left it: unchanged, its entries are the files of its units. */
  readonly folders: Record<string, number>;
  readonly units: Record<string, CachedUnit>;
}

/**
 * What synth wrote into one dist/<env> folder, by unit id, kept under node_modules/.cache (never committed).
 * A unit is reused only when its key matches (the key covers the generator's code and every input the unit reads)
 * and every one of its files still has the size and time synth left it with; anything else, a hand edit included,
 * rebuilds it. A folder whose modification time is unchanged has had no file added or removed, so it need not be
 * listed. (Like git's index, this trusts that a file edited within the file system's timestamp granularity of
 * synth's own write also changes its size; synth --check, which CI runs, never uses the cache.)
 */
export class ChartCache {
  private readonly next: Record<string, CachedUnit> = {};
  private readonly fresh = new Set<string>();
  private byPath?: Map<string, { unit: CachedUnit; file: CachedFile }>;
  private byFolder?: Map<string, string[]>;

  private constructor(
    private readonly path: string,
    private readonly folders: Readonly<Record<string, number>>,
    private readonly units: Readonly<Record<string, CachedUnit>>,
  ) {}

  static open(root: string, distDir: string): ChartCache {
    const name = createHash('sha256').update(distDir).digest('hex').slice(0, 16);
    const path = join(root, 'node_modules/.cache/agentic-platform-gitops', `${name}.json`);
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.format === 4 && file.units && file.folders) return new ChartCache(path, file.folders, file.units);
    } catch {
      // No cache, or an unreadable one: everything is rebuilt.
    }
    return new ChartCache(path, {}, {});
  }

  /** The hash of a rendered object's text; equal hashes under the same generator mean the same valid object. */
  static objectHash(generator: string, text: string): string {
    return createHash('sha1').update(generator).update('\0').update(text).digest('base64');
  }

  static key(...parts: readonly unknown[]): string {
    const hash = createHash('sha256');
    for (const p of parts) hash.update(JSON.stringify(p) ?? 'undefined').update('\0');
    return hash.digest('hex');
  }

  /**
   * The files of `folder` (relative to the environment's folder), if its modification time is the one synth left it
   * with: then nothing was added to it or removed since, and it need not be listed.
   */
  folderFiles(folder: string, mtimeMs: number): string[] | undefined {
    if (this.folders[folder] !== mtimeMs) return undefined;
    if (!this.byFolder) {
      this.byFolder = new Map();
      for (const unit of Object.values(this.units)) {
        const files = this.byFolder.get(unit.folder) ?? [];
        for (const [name] of unit.files) files.push(`${unit.folder}/${name}`);
        this.byFolder.set(unit.folder, files);
      }
    }
    return this.byFolder.get(folder) ?? [];
  }

  /** The unit as the last run recorded it, whether or not it can be reused. */
  previous(id: string): CachedUnit | undefined {
    return this.units[id];
  }

  /** The unit as synth last wrote it, if that is provably what `dir` still holds for `key`. */
  reusable(id: string, key: string, dir: string): CachedUnit | undefined {
    const unit = this.units[id];
    if (!unit || unit.key !== key) return undefined;
    for (const [name, size, mtimeMs] of unit.files) {
      const stat = statSync(join(dir, unit.folder, name), { throwIfNoEntry: false });
      if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    return unit;
  }

  /** What the last run recorded of the file at `path` (relative to the environment's folder). */
  file(path: string): { unit: CachedUnit; file: CachedFile } | undefined {
    if (!this.byPath) {
      this.byPath = new Map();
      for (const unit of Object.values(this.units)) for (const file of unit.files) this.byPath.set(`${unit.folder}/${file[0]}`, { unit, file });
    }
    return this.byPath.get(path);
  }

  /**
   * Keeps `unit` for the next run; only units recorded in this run are kept. `fresh`: its files were (re)written or
   * checked in this run, so their sizes and times are taken from disk when the cache is saved.
   */
  record(id: string, unit: CachedUnit, fresh: boolean): void {
    this.next[id] = unit;
    if (fresh) this.fresh.add(id);
  }

  /** Saves the cache, with the sizes and times of the files of fresh units, and of every folder, as synth left them. */
  save(dir: string): void {
    const units: Record<string, CachedUnit> = {};
    const folders: Record<string, number> = {};
    for (const [id, unit] of Object.entries(this.next)) {
      const folder = statSync(join(dir, unit.folder), { throwIfNoEntry: false });
      if (folder) folders[unit.folder] ??= folder.mtimeMs;
      if (!this.fresh.has(id)) {
        units[id] = unit;
        continue;
      }
      const files = unit.files.map(([name, , , hash, identity]) => {
        const stat = statSync(join(dir, unit.folder, name));
        return [name, stat.size, stat.mtimeMs, hash, identity] as const;
      });
      units[id] = { ...unit, files };
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: 4, folders, units } satisfies CacheFile));
    renameSync(tmp, this.path);
  }
}
