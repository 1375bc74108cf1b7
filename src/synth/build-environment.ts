import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartPlan } from '../app.js';
import type { PlatformInput } from '../config/platform-input.js';
import type { Environment } from '../config/schema/environment.js';
import type { ManifestLike } from '../lib/pod-templates.js';
import { generatorVersion } from '../lib/generator.js';
import { ChartCache, type CachedChart } from './chart-cache.js';
import { listFiles, type StagedTree, type TreeChanges } from './dist-tree.js';
import { environmentReadme } from './environment-readme.js';
import { fileNameOf } from './render-files.js';
import { EnvironmentChecks, isEnvironmentWide } from './validate-manifests.js';
import { toYaml } from './yaml-emitter.js';

/** One environment, synthesized and checked, compared with what its dist/<env> folder holds. */
export interface BuiltEnvironment {
  readonly problems: readonly string[];
  readonly changes: TreeChanges;
  /** How many charts were reused from the cache, of how many. */
  readonly reused: number;
  readonly charts: number;
}

export interface BuildOptions {
  /** Reuse charts whose inputs did not change (see ChartCache). Without it, every chart is built. */
  readonly cache?: ChartCache;
  /** Where added and changed files are staged; without it (synth --check) nothing is written. */
  readonly stage?: StagedTree;
  /** Called after each chart, for progress on a terminal. */
  readonly onChart?: (done: number, total: number) => void;
}

/**
 * Builds one environment chart by chart: each chart's objects are validated, rendered to YAML, compared with the
 * file on disk and, when they differ, staged; then they are dropped, so memory holds only what the environment-wide
 * checks need. Nothing is put in place here.
 */
export function buildEnvironment(input: PlatformInput, env: Environment, plans: readonly ChartPlan[], dir: string, options: BuildOptions = {}): BuiltEnvironment {
  const checks = new EnvironmentChecks();
  const generator = generatorVersion();
  const existing = new Set(listFiles(dir));
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
    // Only a chart built from a few inputs (a tenant's) can be reused: the others read every tenant.
    const key = plan.inputs ? ChartCache.key(generator, ...plan.inputs) : undefined;
    const cached = key ? options.cache?.reusable(plan.id, key, dir) : undefined;
    if (cached) {
      reused++;
      for (const [path] of cached.files) wanted.add(path);
      for (const [path, identity] of cached.identities) checks.addIdentity(path, identity);
      for (const [path, object] of cached.environmentWide) checks.addEnvironmentWide(path, object);
      for (const hash of cached.hashes) options.cache!.recordValidated(hash);
      options.cache!.record(plan.id, cached, false);
    } else {
      const entry: { files: [string, number, number][]; identities: [string, ManifestLike][]; environmentWide: [string, ManifestLike][]; hashes: string[] } = {
        files: [],
        identities: [],
        environmentWide: [],
        hashes: [],
      };
      for (const object of plan.render().objects) {
        const path = `${plan.folder}/${fileNameOf(object)}`;
        if (wanted.has(path)) throw new Error(`internal: two objects of "${plan.id}" map to ${path}; give them distinct names`);
        const text = toYaml(object);
        // An object byte-identical to one that passed this generator's validation last time needs no new proof.
        const hash = options.cache && ChartCache.objectHash(generator, text);
        checks.add(path, object, hash !== undefined && options.cache!.isValidated(hash));
        if (hash) {
          options.cache!.recordValidated(hash);
          entry.hashes.push(hash);
        }
        want(path, text);
        entry.files.push([path, 0, 0]);
        const { apiVersion, kind, metadata } = object;
        entry.identities.push([path, { apiVersion, kind, metadata: { name: metadata.name, namespace: metadata.namespace } }]);
        if (isEnvironmentWide(object)) entry.environmentWide.push([path, object]);
      }
      if (key) options.cache?.record(plan.id, { key, ...entry } satisfies CachedChart, true);
    }
    options.onChart?.(index + 1, plans.length);
  });

  const problems = checks.finish();
  want('README.md', environmentReadme(input, env, checks.environmentWide));
  const removed = [...existing].filter((path) => !wanted.has(path)).sort();
  return { problems, changes: { added: added.sort(), changed: changed.sort(), removed }, reused, charts: plans.length };
}
