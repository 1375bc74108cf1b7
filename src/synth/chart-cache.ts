import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestLike } from '../lib/pod-templates.js';

/** What synth remembers of one chart it wrote: enough to skip it next time, and to prove it may. */
export interface CachedChart {
  /** Hash of everything the chart's output depends on (generator code, environment, tenant). */
  readonly key: string;
  /** Its files under dist/<env>/, with the size and modification time they had when synth wrote or checked them. */
  readonly files: readonly (readonly [path: string, size: number, mtimeMs: number])[];
  /** Identity (apiVersion, kind, namespace, name) of each object, for the uniqueness check. */
  readonly identities: readonly (readonly [path: string, identity: ManifestLike])[];
  /** The objects that environment-wide checks read (namespaces, policies, node pools, workloads). */
  readonly environmentWide: readonly (readonly [path: string, object: ManifestLike])[];
  /** objectHash of each object, all validated: reusing the chart keeps them known valid for `validate`. */
  readonly hashes: readonly string[];
}

interface CacheFile {
  readonly format: 3;
  readonly charts: Record<string, CachedChart>;
  /** Hashes (with the generator's version) of the objects of the last run, all of which passed validation. */
  readonly validated: readonly string[];
}

/**
 * Charts synth wrote into one dist/<env> folder, by chart id, kept under node_modules/.cache (never committed).
 * A chart is reused only when its key matches (the key covers the generator's code and every input the chart
 * reads) and every one of its files is still there, alone in its folder, with the size and time synth left it
 * with; anything else, including a hand edit, rebuilds it.
 */
export class ChartCache {
  private readonly next: Record<string, CachedChart> = {};
  private readonly nextValidated = new Set<string>();
  private readonly fresh = new Set<string>();

  private constructor(
    private readonly path: string,
    private readonly charts: Record<string, CachedChart>,
    private readonly validated: ReadonlySet<string>,
  ) {}

  static open(root: string, distDir: string): ChartCache {
    const name = createHash('sha256').update(distDir).digest('hex').slice(0, 16);
    const path = join(root, 'node_modules/.cache/agentic-platform-gitops', `${name}.json`);
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.format === 3) return new ChartCache(path, file.charts, new Set(file.validated));
    } catch {
      // No cache, or an unreadable one: everything is rebuilt.
    }
    return new ChartCache(path, {}, new Set());
  }

  /** The hash of a rendered object, as isValidated and recordValidated know it. */
  static objectHash(generator: string, text: string): string {
    return createHash('sha1').update(generator).update('\0').update(text).digest('base64');
  }

  static key(...parts: readonly unknown[]): string {
    const hash = createHash('sha256');
    for (const p of parts) hash.update(JSON.stringify(p) ?? 'undefined').update('\0');
    return hash.digest('hex');
  }

  /**
   * The chart as synth last wrote it, if that is provably what `dir` still holds for `key`. Files added beside it
   * by hand are found by synth's listing of the folder, and removed.
   */
  reusable(id: string, key: string, dir: string): CachedChart | undefined {
    const entry = this.charts[id];
    if (!entry || entry.key !== key) return undefined;
    for (const [path, size, mtimeMs] of entry.files) {
      const stat = statSync(join(dir, path), { throwIfNoEntry: false });
      if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    return entry;
  }

  /** Whether an object with this hash (see objectHash) passed validation in the last run. */
  isValidated(hash: string): boolean {
    return this.validated.has(hash);
  }

  /** Remembers that an object passed validation in this run. */
  recordValidated(hash: string): void {
    this.nextValidated.add(hash);
  }

  /**
   * Keeps `entry` for the next run; only charts recorded in this run are kept. `fresh`: its files were (re)written
   * or checked in this run, so their sizes and times are taken from disk when the cache is saved.
   */
  record(id: string, entry: CachedChart, fresh: boolean): void {
    this.next[id] = entry;
    if (fresh) this.fresh.add(id);
  }

  /** Saves the cache, with the sizes and times of the files of fresh charts as synth left them. */
  save(dir: string): void {
    const charts: Record<string, CachedChart> = {};
    for (const [id, entry] of Object.entries(this.next)) {
      const files = !this.fresh.has(id)
        ? entry.files
        : entry.files.map(([path]) => {
            const stat = statSync(join(dir, path));
            return [path, stat.size, stat.mtimeMs] as const;
          });
      charts[id] = { ...entry, files };
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const file: CacheFile = { format: 3, charts, validated: [...this.nextValidated].sort() };
    writeFileSync(`${this.path}.tmp`, JSON.stringify(file));
    renameSync(`${this.path}.tmp`, this.path);
  }
}
