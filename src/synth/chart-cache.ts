import { hash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestLike } from '../lib/pod-templates.js';
import { writeWhole } from '../lib/write-whole.js';
import { cacheFileOf, journalOf, readCacheText } from './cache-files.cjs';

/**
 * One file synth wrote: its name in the unit's folder, the size and modification time it had when synth wrote or
 * checked it, the objectHash of its text (the object passed validation), and the object's identity
 * (`apiVersion|kind|namespace|name`, for the uniqueness check).
 */
export type CachedFile = readonly [name: string, size: number, mtimeMs: number, hash: string, identity: string];

/**
 * What synth remembers of one unit it wrote: enough to skip it next time, to prove it may, and to check across units
 * without reading it.
 */
export interface CachedUnit {
  /** Hash of everything the unit's output depends on (generator code, its inputs); absent for units rebuilt every run. */
  readonly key?: string;
  /** Hash of the values the unit's inputs are derived from, when it has them (see ChartPlan.source). */
  readonly sourceKey?: string;
  readonly folder: string;
  /** The namespaces of its objects ('' for cluster-scoped ones): the only places its identities can clash with others. */
  readonly namespaces: readonly string[];
  /** The identities of its cluster-scoped objects (few), so that a clash there needs none of its files. */
  readonly clusterScoped: readonly string[];
  /**
   * Its files (see filesText), parsed only when they are needed (see filesOf): a run that reuses a unit
   * never looks at its files on this thread (the CachedFilesCheck worker checks them), and thousands of units' files
   * parsed into objects cost more than a one-tenant change may take.
   */
  readonly files: string;
  /** The objects the GPU proofs read (node pools, workloads that request GPUs), by file name. */
  readonly gpu: readonly (readonly [name: string, object: ManifestLike])[];
  /**
   * The objects the environment's README reads (namespaces, policies, workloads) of the namespaces it showed, as
   * JSON with the namespace they belong to. The README shows a dozen tenants of thousands, so the others are left out
   * and named in `unshown`: should the README come to show one of them, the unit is rebuilt.
   */
  readonly wide: readonly (readonly [namespace: string, json: string])[];
  readonly unshown: readonly string[];
}

const parsedFiles = new WeakMap<CachedUnit, readonly CachedFile[]>();

/**
 * The files of a unit as the cache stores them: a line per file, its fields separated by tabs. Not JSON: inside the
 * cache's own JSON, JSON text would be escaped and unescaped quote by quote. No field can hold a tab or a newline
 * (file names and identities are Kubernetes names, hashes are base64).
 */
export function filesText(files: readonly CachedFile[]): string {
  return files.map((f) => f.join('\t')).join('\n');
}

/** The files of a unit (see CachedUnit.files). */
export function filesOf(unit: CachedUnit): readonly CachedFile[] {
  let files = parsedFiles.get(unit);
  if (!files) {
    files = unit.files === '' ? [] : unit.files.split('\n').map((line) => {
      const [name, size, mtimeMs, hash, identity] = line.split('\t');
      return [name, Number(size), Number(mtimeMs), hash, identity] as const;
    });
    parsedFiles.set(unit, files);
  }
  return files;
}

const digests = new WeakMap<object, string>();

/**
 * What a key hashes of one part: the JSON of a small part, or the digest of a frozen object's JSON, computed once (a
 * frozen input cannot change afterwards; every unit of an environment has the environment among its inputs).
 */
function partText(part: unknown): string {
  if (part === null || typeof part !== 'object' || !Object.isFrozen(part)) return JSON.stringify(part) ?? 'undefined';
  let digest = digests.get(part);
  if (!digest) {
    // '#' sets a digest apart from any JSON text.
    digest = `#${hash('sha256', JSON.stringify(part), 'hex')}`;
    digests.set(part, digest);
  }
  return digest;
}

/** Version of the cache file's layout: a file of another layout is ignored. */
export const CACHE_FORMAT = 11;

interface CacheFile {
  readonly format: typeof CACHE_FORMAT;
  /** Modification time of each folder when synth left it: unchanged, its entries are the files of its units. */
  readonly folders: Record<string, number>;
  readonly units: Record<string, CachedUnit>;
  /** Files made of several units' objects (the README), with the key of what they were made from. */
  readonly files: Record<string, CachedSingleFile>;
}

interface CachedSingleFile {
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
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
  /** The files of the units (re)built in this run, whose sizes and times are taken from disk when the cache is saved. */
  private readonly fresh = new Map<string, readonly CachedFile[]>();
  private byPath?: Map<string, { unit: CachedUnit; file: CachedFile }>;
  private byFolder?: Map<string, string[]>;

  private readonly nextFiles = new Map<string, string>();

  private constructor(
    private readonly path: string,
    private readonly folders: Readonly<Record<string, number>>,
    private readonly units: Readonly<Record<string, CachedUnit>>,
    private readonly files: Readonly<Record<string, CachedSingleFile>>,
    /** The units as the base file holds them (see save): the journal holds the others. */
    private readonly baseUnits: Readonly<Record<string, CachedUnit>>,
  ) {}

  /** Where the cache of the environment folder `distDir` is kept (its journal beside it). */
  static fileOf(root: string, distDir: string): string {
    return cacheFileOf(root, distDir);
  }

  /** The cache of `distDir` as text: its file's and its journal's, on two lines; undefined when it has neither. */
  static readText(root: string, distDir: string): string | undefined {
    return readCacheText(root, distDir);
  }

  /** The cache of `distDir`; `text` is what readText gives, when the caller has read it already. */
  static open(root: string, distDir: string, text = ChartCache.readText(root, distDir)): ChartCache {
    const path = ChartCache.fileOf(root, distDir);
    try {
      const newline = (text ?? '').indexOf('\n');
      const base = JSON.parse(text!.slice(0, newline)) as CacheFile;
      const journalText = text!.slice(newline + 1);
      const journal = journalText === '' ? undefined : (JSON.parse(journalText) as Journal);
      if (base.format === CACHE_FORMAT && base.units && base.folders && base.files && (!journal || journal.format === CACHE_FORMAT)) {
        const units: Record<string, CachedUnit> = { ...base.units };
        for (const [id, unit] of Object.entries(journal?.units ?? {})) {
          if (unit) units[id] = unit;
          else delete units[id];
        }
        return new ChartCache(path, journal?.folders ?? base.folders, units, journal?.files ?? base.files, base.units);
      }
    } catch {
      // No cache, or an unreadable one: everything is rebuilt.
    }
    return new ChartCache(path, {}, {}, {}, {});
  }

  /** The hash of a rendered object's text; equal hashes under the same generator mean the same valid object. */
  static objectHash(generator: string, text: string): string {
    return hash('sha1', `${generator}\0${text}`, 'base64');
  }

  /**
   * The key of a unit built from `parts` (the generator's version and the unit's inputs). Inputs are frozen, so the
   * digest of an object part is computed once however many units share it (every unit of an environment has the
   * environment among its inputs).
   */
  static key(...parts: readonly unknown[]): string {
    // One-shot hashing: a Hash object per key cost more than the hashing, over thousands of units.
    return hash('sha256', parts.map(partText).join('\0'), 'hex');
  }

  /**
   * Whether `folder` (relative to the environment's folder) has the modification time synth left it with: then no
   * file was added to it or removed since, and its files are those of the units the last run recorded in it.
   */
  folderUnchanged(folder: string, mtimeMs: number): boolean {
    return this.folders[folder] === mtimeMs;
  }

  /** The paths (relative to the environment's folder) of the files the last run recorded in `folder`. */
  filesIn(folder: string): string[] {
    if (!this.byFolder) {
      this.byFolder = new Map();
      for (const unit of Object.values(this.units)) {
        const paths = this.byFolder.get(unit.folder) ?? [];
        for (const [name] of filesOf(unit)) paths.push(`${unit.folder}/${name}`);
        this.byFolder.set(unit.folder, paths);
      }
    }
    return this.byFolder.get(folder) ?? [];
  }

  /** Every unit the last run recorded, by id. */
  recorded(): Readonly<Record<string, CachedUnit>> {
    return this.units;
  }

  /** The unit as the last run recorded it, whether or not it can be reused. */
  previous(id: string): CachedUnit | undefined {
    return this.units[id];
  }

  /**
   * The unit as synth last wrote it, if that is provably what `dir` still holds for `key`. `intact`: the units whose
   * files were found as recorded by CachedFilesCheck, when it could tell; otherwise the files are checked here.
   */
  reusable(id: string, key: string, dir: string, intact?: ReadonlySet<string>): CachedUnit | undefined {
    const unit = this.units[id];
    if (!unit || unit.key !== key) return undefined;
    if (intact) return intact.has(id) ? unit : undefined;
    for (const [name, size, mtimeMs] of filesOf(unit)) {
      const stat = statSync(join(dir, unit.folder, name), { throwIfNoEntry: false });
      if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    return unit;
  }

  /** Whether the single file `path` (see recordFile) is what synth made from `key`, untouched since. */
  reusableFile(path: string, key: string, dir: string): boolean {
    const file = this.files[path];
    if (!file || file.key !== key) return false;
    const stat = statSync(join(dir, path), { throwIfNoEntry: false });
    return stat !== undefined && stat.size === file.size && stat.mtimeMs === file.mtimeMs;
  }

  /** Keeps for the next run that the single file `path` was made from `key` (its size and time are taken at save). */
  recordFile(path: string, key: string): void {
    this.nextFiles.set(path, key);
  }

  /** What the last run recorded of the file at `path` (relative to the environment's folder). */
  file(path: string): { unit: CachedUnit; file: CachedFile } | undefined {
    if (!this.byPath) {
      this.byPath = new Map();
      for (const unit of Object.values(this.units)) for (const file of filesOf(unit)) this.byPath.set(`${unit.folder}/${file[0]}`, { unit, file });
    }
    return this.byPath.get(path);
  }

  /** Keeps a reused unit for the next run, as it was; only units recorded in this run are kept. */
  keep(id: string, unit: CachedUnit): void {
    this.next[id] = unit;
  }

  /**
   * Keeps a unit (re)built in this run; its files' sizes and times are taken from disk when the cache is saved, after
   * synth wrote them.
   */
  record(id: string, unit: Omit<CachedUnit, 'files'>, files: readonly CachedFile[]): void {
    this.next[id] = { ...unit, files: '' };
    this.fresh.set(id, files);
  }

  /**
   * Saves the cache, with the sizes and times of the files of fresh units, and of every folder, as synth left them.
   * When that is exactly what the file holds already (a run that changed nothing), it is not rewritten.
   */
  save(dir: string): void {
    const folders: Record<string, number> = {};
    for (const unit of Object.values(this.next)) {
      const folder = statSync(join(dir, unit.folder), { throwIfNoEntry: false });
      if (folder) folders[unit.folder] ??= folder.mtimeMs;
    }
    const files: Record<string, CachedSingleFile> = {};
    for (const [path, key] of this.nextFiles) {
      const stat = statSync(join(dir, path), { throwIfNoEntry: false });
      if (stat) files[path] = { key, size: stat.size, mtimeMs: stat.mtimeMs };
    }
    const units: Record<string, CachedUnit> = {};
    for (const [id, unit] of Object.entries(this.next)) {
      const fresh = this.fresh.get(id);
      if (!fresh) {
        units[id] = unit;
        continue;
      }
      const stats = fresh.map(([name, , , hash, identity]) => {
        const stat = statSync(join(dir, unit.folder, name));
        return [name, stat.size, stat.mtimeMs, hash, identity] as const;
      });
      units[id] = { ...unit, files: filesText(stats) };
    }
    const same = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
      Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => v === b[k] || JSON.stringify(v) === JSON.stringify(b[k]));
    if (same(units, this.units) && same(folders, this.folders) && same(files, this.files)) return;
    // What differs from the base file goes to the journal, a small file; the base is rewritten (and the journal
    // emptied) only when the journal grows large. A one-tenant change at a thousand tenants thus writes kilobytes,
    // not the megabytes of every unit's files.
    const changed: Record<string, CachedUnit | null> = {};
    for (const [id, unit] of Object.entries(units)) if (unit !== this.baseUnits[id]) changed[id] = unit;
    for (const id of Object.keys(this.baseUnits)) if (!(id in units)) changed[id] = null;
    mkdirSync(dirname(this.path), { recursive: true });
    if (Object.keys(changed).length > JOURNAL_LIMIT || Object.keys(this.baseUnits).length === 0) {
      // The journal goes first: a base left older by a crash only makes units look changed, and they are rebuilt.
      rmSync(journalOf(this.path), { force: true });
      writeWhole(this.path, JSON.stringify({ format: CACHE_FORMAT, folders, units, files } satisfies CacheFile));
    } else {
      writeWhole(journalOf(this.path), JSON.stringify({ format: CACHE_FORMAT, folders, units: changed, files } satisfies Journal));
    }
  }
}

/** Units the journal may hold before the base file is rewritten with all of them. */
const JOURNAL_LIMIT = 200;

/**
 * The journal of a cache file: the units that differ from the base file's (null: gone), with the folders' times and
 * the single files, which replace the base's.
 */
interface Journal {
  readonly format: typeof CACHE_FORMAT;
  readonly folders: Record<string, number>;
  readonly units: Record<string, CachedUnit | null>;
  readonly files: Record<string, CachedSingleFile>;
}

