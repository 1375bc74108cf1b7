import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartPlan } from '../app.js';
import type { PlatformInput } from '../config/platform-input.js';
import type { Environment } from '../config/schema/environment.js';
import type { ManifestLike } from '../lib/pod-templates.js';
import { generatorVersion } from '../lib/generator.js';
import { ChartCache, type CachedFile, type CachedUnit } from './chart-cache.js';
import { listEnvironment } from './dist-listing.js';
import type { StagedTree, TreeChanges } from './dist-tree.js';
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
 * recorded is not built at all: what the cache recorded of it stands in. Nothing is put in place here.
 */
export function buildEnvironment(input: PlatformInput, env: Environment, plans: readonly ChartPlan[], dir: string, options: BuildOptions = {}): BuiltEnvironment {
  const { cache } = options;
  const checks = new EnvironmentChecks();
  const generator = generatorVersion();
  const existing = new Set(listEnvironment(dir, cache));
  const tenantNames = readmeTenants(input, env);
  const readmeShows = readmeShowsNamespace(tenantNames);
  const readmeObjects: ManifestLike[] = [];
  const wanted = new Set<string>();
  const added: string[] = [];
  const changed: string[] = [];
  let reused = 0;

  const want = (path: string, text: string) => {
    wanted.add(path);
    if (!existing.has(path)) added.push(path);
    else if (readFileSync(join(dir, path), 'utf8') !== text) changed.push(path);
    else return;
    options.stage?.stage(path, text);
  };

  plans.forEach((plan, index) => {
    // A unit built from a few inputs (a tenant's, or a view of the tenants) can be reused; the others are rebuilt.
    const key = plan.inputs ? ChartCache.key(generator, ...plan.inputs) : undefined;
    const cached = key ? cache?.reusable(plan.id, key, dir, options.intactUnits?.()) : undefined;
    if (cached && cached.folder === plan.folder && !cached.unshown.some(readmeShows)) {
      reused++;
      for (const [name, , , , identity] of cached.files) {
        wanted.add(`${plan.folder}/${name}`);
        checks.addIdentity(`${plan.folder}/${name}`, identity);
      }
      for (const [name, object] of cached.gpu) checks.addGpuObject(`${plan.folder}/${name}`, object);
      for (const [namespace, json] of cached.wide) if (readmeShows(namespace)) readmeObjects.push(JSON.parse(json) as ManifestLike);
      cache!.record(plan.id, cached, false);
    } else {
      // Objects byte-identical to what this unit wrote last time passed the same generator's checks then.
      const previous = new Map(cache?.previous(plan.id)?.files.map((f) => [f[0], f[3]]));
      const files: CachedFile[] = [];
      const gpu: [string, ManifestLike][] = [];
      const wide: [string, string][] = [];
      const unshown = new Set<string>();
      for (const object of plan.render().objects) {
        const name = fileNameOf(object);
        const path = `${plan.folder}/${name}`;
        if (wanted.has(path)) throw new Error(`internal: two objects of "${plan.id}" map to ${path}; give them distinct names`);
        const text = toYaml(object);
        const hash = cache ? ChartCache.objectHash(generator, text) : '';
        checks.add(path, object, cache !== undefined && previous.get(name) === hash);
        want(path, text);
        files.push([name, 0, 0, hash, identityOf(object)]);
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
      cache?.record(plan.id, { key, folder: plan.folder, files, gpu, wide, unshown: [...unshown] } satisfies CachedUnit, true);
    }
    options.onChart?.(index + 1, plans.length);
  });

  const problems = checks.finish();
  // The README's matrix costs a reachability analysis: redone only when what it reads changed.
  const readmeKey = ChartCache.key(generator, env, tenantNames, readmeObjects);
  if (cache?.reusableFile('README.md', readmeKey, dir)) wanted.add('README.md');
  else want('README.md', environmentReadme(env, tenantNames, readmeObjects));
  cache?.recordFile('README.md', readmeKey);
  const removed = [...existing].filter((path) => !wanted.has(path)).sort();
  return { problems, changes: { added: added.sort(), changed: changed.sort(), removed }, reused, charts: plans.length };
}
