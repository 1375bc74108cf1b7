import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
}

interface CacheFile {
  readonly format: 1;
  readonly charts: Record<string, CachedChart>;
}

/**
 * Charts synth wrote into one dist/<env> folder, by chart id, kept under node_modules/.cache (never committed).
 * A chart is reused only when its key matches (the key covers the generator's code and every input the chart
 * reads) and every one of its files is still there, alone in its folder, with the size and time synth left it
 * with; anything else, including a hand edit, rebuilds it.
 */
export class ChartCache {
  private readonly charts: Record<string, CachedChart>;
  private readonly next: Record<string, CachedChart> = {};

  private constructor(
    private readonly path: string,
    charts: Record<string, CachedChart>,
  ) {
    this.charts = charts;
  }

  static open(root: string, distDir: string): ChartCache {
    const name = createHash('sha256').update(distDir).digest('hex').slice(0, 16);
    const path = join(root, 'node_modules/.cache/agentic-platform-gitops', `${name}.json`);
    let charts: Record<string, CachedChart> = {};
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.format === 1) charts = file.charts;
    } catch {
      // No cache, or an unreadable one: everything is rebuilt.
    }
    return new ChartCache(path, charts);
  }

  static key(...parts: readonly unknown[]): string {
    const hash = createHash('sha256');
    for (const p of parts) hash.update(JSON.stringify(p) ?? 'undefined').update('\0');
    return hash.digest('hex');
  }

  /** The chart as synth last wrote it, if that is provably what `dir` still holds for `key`. */
  reusable(id: string, key: string, dir: string): CachedChart | undefined {
    const entry = this.charts[id];
    if (!entry || entry.key !== key) return undefined;
    const folder = join(dir, id);
    if (!existsSync(folder) || readdirSync(folder, { recursive: true }).length !== entry.files.length) return undefined;
    for (const [path, size, mtimeMs] of entry.files) {
      const stat = statSync(join(dir, path), { throwIfNoEntry: false });
      if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    return entry;
  }

  /** Keeps `entry` for the next run. Only charts recorded in this run are kept. */
  record(id: string, entry: CachedChart): void {
    this.next[id] = entry;
  }

  /** Stats each recorded file as it now is on disk (after synth wrote it) and saves the cache. */
  save(dir: string): void {
    const charts: Record<string, CachedChart> = {};
    for (const [id, entry] of Object.entries(this.next)) {
      const files = entry.files.map(([path]) => {
        const stat = statSync(join(dir, path));
        return [path, stat.size, stat.mtimeMs] as const;
      });
      charts[id] = { ...entry, files };
    }
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify({ format: 1, charts } satisfies CacheFile));
    renameSync(`${this.path}.tmp`, this.path);
  }
}
