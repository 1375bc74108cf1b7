import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartPlan } from '../app.js';
import type { PlatformInput } from '../config/platform-input.js';
import type { Environment } from '../config/schema/environment.js';
import type { ManifestLike } from '../lib/pod-templates.js';
import { generatorVersion } from '../lib/generator.js';
import { ChartCache, filesOf, type CachedFile, type CachedUnit } from './chart-cache.js';
import type { StagedTree, TreeChanges } from './dist-tree.js';
import { scanEnvironment, type EnvironmentScan } from './environment-scan.js';
import { environmentReadme, readmeShowsNamespace, readmeTenants } from './environment-readme.js';
import { fileNameOf } from './render-files.js';
import { EnvironmentChecks, identityOf, isEnvironmentWide, isGpuRelevant, namespaceOf } from './validate-manifests.js';
import { toYaml } from './yaml-emitter.js';

/** One environment, synthesized and checked, compared with what its dist/<env> folder holds. */
export interface BuiltEnvironment {
  readonly problems: readonly string[];
  readonly changes: TreeChanges;
  /** How many units were reused from the cache, of how many. */
  readonly reused: number;
  readonly charts: number;
  /**
   * Every unit and the README reused, every folder as the cache recorded it, nothing to write or remove: the cache
   * has nothing new to record.
   */
  readonly untouched: boolean;
}

export interface BuildOptions {
  /** Reuse units whose inputs did not change (see ChartCache). Without it, every unit is built. */
  readonly cache?: ChartCache;
  /** Where added and changed files are staged; without it (synth --check) nothing is written. */
  readonly stage?: StagedTree;
  /** The units whose files a CachedFilesCheck found intact, if it could tell; asked only when a unit may be reused. */
  readonly intactUnits?: () => ReadonlySet<string> | undefined;
  /** Called after each unit, for progress on a terminal. */
  readonly onChart?: (done: number, total: number) => void;
}

/**
 * Builds one environment unit by unit: each unit's objects are validated, rendered to YAML, compared with the file
 * on disk and, when they differ, staged; then they are dropped, so memory holds only what the checks across units
 * need (identities, GPU objects, the namespaces the README shows). A unit whose key and files are what the cache
 * recorded is not built, nor are its files read or listed: what the cache recorded of it stands in. Nothing is put in
 * place here.
 */
export function buildEnvironment(input: PlatformInput, env: Environment, plans: readonly ChartPlan[], dir: string, options: BuildOptions = {}): BuiltEnvironment {
  const { cache } = options;
  const checks = new EnvironmentChecks();
  const generator = generatorVersion();
  const tree = new EnvironmentTree(dir, cache);
  const tenantNames = readmeTenants(input, env);
  const readmeShows = readmeShowsNamespace(tenantNames);
  const readmeObjects: ManifestLike[] = [];
  const added: string[] = [];
  const changed: string[] = [];
  let reused = 0;

  const want = (path: string, text: string) => {
    tree.want(path);
    const current = readIfThere(join(dir, path));
    if (current === undefined) added.push(path);
    else if (current !== text) changed.push(path);
    else return;
    options.stage?.stage(path, text);
  };

  plans.forEach((plan, index) => {
    // A unit built from a few inputs (a tenant's, or a view of the tenants) can be reused; the others are rebuilt.
    const previous = cache?.previous(plan.id);
    const sourceKey = plan.source ? ChartCache.key(generator, ...plan.source) : undefined;
    const key = sourceKey !== undefined && previous?.sourceKey === sourceKey ? previous.key : plan.inputs ? ChartCache.key(generator, ...plan.inputs) : undefined;
    const cached = key ? cache?.reusable(plan.id, key, dir, options.intactUnits?.()) : undefined;
    if (cached && cached.folder === plan.folder && !cached.unshown.some(readmeShows)) {
      reused++;
      tree.reuse(plan.id, cached);
      checks.addReusedUnit({ namespaces: cached.namespaces, clusterScoped: cached.clusterScoped, identities: () => filesOf(cached).map(([name, , , , identity]) => [`${cached.folder}/${name}`, identity] as const) });
      for (const [name, object] of cached.gpu) checks.addGpuObject(`${plan.folder}/${name}`, object);
      for (const [namespace, json] of cached.wide) if (readmeShows(namespace)) readmeObjects.push(JSON.parse(json) as ManifestLike);
      cache!.keep(plan.id, cached);
    } else {
      // Objects byte-identical to what this unit wrote last time passed the same generator's checks then.
      const previousHashes = new Map(previous && previous.folder === plan.folder ? filesOf(previous).map((f) => [f[0], f[3]]) : []);
      const files: CachedFile[] = [];
      const namespaces = new Set<string>();
      const clusterScoped: string[] = [];
      const gpu: [string, ManifestLike][] = [];
      const wide: [string, string][] = [];
      const unshown = new Set<string>();
      for (const object of plan.render().objects) {
        const name = fileNameOf(object);
        const path = `${plan.folder}/${name}`;
        if (tree.isWanted(path)) throw new Error(`internal: two objects of "${plan.id}" map to ${path}; give them distinct names`);
        const text = toYaml(object);
        const hash = cache ? ChartCache.objectHash(generator, text) : '';
        checks.add(path, object, cache !== undefined && previousHashes.get(name) === hash);
        want(path, text);
        const identity = identityOf(object);
        files.push([name, 0, 0, hash, identity]);
        namespaces.add(object.metadata.namespace ?? '');
        if (object.metadata.namespace === undefined) clusterScoped.push(identity);
        if (isGpuRelevant(object)) gpu.push([name, object]);
        if (isEnvironmentWide(object)) {
          const namespace = namespaceOf(object);
          if (!readmeShows(namespace)) unshown.add(namespace);
          else {
            readmeObjects.push(object);
            if (cache) wide.push([namespace, JSON.stringify(object)]);
          }
        }
      }
      tree.rebuilt(plan.id, plan.folder, previous);
      cache?.record(plan.id, { key, sourceKey, folder: plan.folder, namespaces: [...namespaces].sort(), clusterScoped, gpu, wide, unshown: [...unshown] } satisfies Omit<CachedUnit, 'files'>, files);
    }
    options.onChart?.(index + 1, plans.length);
  });

  const problems = checks.finish();
  // The README's matrix costs a reachability analysis: redone only when what it reads changed.
  const readmeKey = ChartCache.key(generator, env, tenantNames, readmeObjects);
  const readmeReused = cache?.reusableFile('README.md', readmeKey, dir) === true;
  if (readmeReused) tree.want('README.md');
  else want('README.md', environmentReadme(env, tenantNames, readmeObjects));
  cache?.recordFile('README.md', readmeKey);
  const removed = tree.stale();
  const untouched = readmeReused && reused === plans.length && tree.nothingListed() && added.length + changed.length + removed.length === 0;
  return { problems, changes: { added: added.sort(), changed: changed.sort(), removed }, reused, charts: plans.length, untouched };
}

/** A file's text, or undefined when there is no such file. */
function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * What one dist/<env> folder holds and which of its files synth no longer writes, found without listing tens of
 * thousands of files: a chart folder whose modification time is the one the cache recorded holds exactly the files
 * of the units the last run recorded in it (nothing was added or removed since), so its stale files are those of
 * units gone or rebuilt without them. Any other folder is listed.
 */
class EnvironmentTree {
  /** Paths written by units built in this run. */
  private readonly wanted = new Set<string>();
  private readonly scan: EnvironmentScan;
  private readonly planned = new Set<string>();
  /** Files that units rebuilt in this run wrote last time: stale unless written again. */
  private readonly dropped: string[] = [];
  /** Reused units, by folder: what a listed folder keeps. */
  private readonly reusedIn = new Map<string, CachedUnit[]>();

  constructor(
    dir: string,
    private readonly cache: ChartCache | undefined,
  ) {
    this.scan = scanEnvironment(dir, cache);
  }

  want(path: string): void {
    this.wanted.add(path);
  }

  /** Whether every folder was as the cache recorded it. */
  nothingListed(): boolean {
    return this.scan.listed.size === 0;
  }

  isWanted(path: string): boolean {
    return this.wanted.has(path);
  }

  reuse(id: string, unit: CachedUnit): void {
    this.planned.add(id);
    const units = this.reusedIn.get(unit.folder) ?? [];
    units.push(unit);
    this.reusedIn.set(unit.folder, units);
  }

  rebuilt(id: string, folder: string, previous: CachedUnit | undefined): void {
    this.planned.add(id);
    if (previous && previous.folder === folder) for (const [name] of filesOf(previous)) this.dropped.push(`${folder}/${name}`);
    else if (previous) this.dropped.push(...filesOf(previous).map(([name]) => `${previous.folder}/${name}`));
  }

  /** The files no unit writes any more, sorted. */
  stale(): string[] {
    const stale = new Set<string>();
    const { topFiles, unchanged, listed } = this.scan;
    const inUnchanged = (path: string) => unchanged.has(path.slice(0, path.indexOf('/')));
    for (const name of topFiles) if (!this.wanted.has(name)) stale.add(name);
    // Units of the last run that are gone: their files, where the folder is as the last run left it.
    for (const [id, unit] of Object.entries(this.cache?.recorded() ?? {})) {
      if (this.planned.has(id) || !unchanged.has(unit.folder)) continue;
      for (const [name] of filesOf(unit)) if (!this.wanted.has(`${unit.folder}/${name}`)) stale.add(`${unit.folder}/${name}`);
    }
    // Files rebuilt units wrote last time and not now. (Paths are unique to one unit in a run that passed, so no
    // reused unit can own one of them.)
    for (const path of this.dropped) if (inUnchanged(path) && !this.wanted.has(path)) stale.add(path);
    // Listed folders: whatever no unit writes.
    for (const [folder, names] of listed) {
      const kept = new Set((this.reusedIn.get(folder) ?? []).flatMap((u) => filesOf(u).map(([name]) => name)));
      for (const name of names) if (!kept.has(name) && !this.wanted.has(`${folder}/${name}`)) stale.add(`${folder}/${name}`);
    }
    return [...stale].sort();
  }
}
