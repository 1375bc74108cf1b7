import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CODEOWNERS_FILE, CodeownersError, plannedCodeowners } from '../review/codeowners.js';
import { helmValuesProblems } from '../argocd/helm-values.js';
import { planEnvironment, plannedAddons, type ChartPlan } from '../app.js';
import { formatInputError, InputErrors } from '../config/input-error.js';
import { loadInputWithSources } from '../config/load.js';
import { InputCache } from '../config/input-cache.js';
import { generatorVersion } from '../lib/generator.js';
import { locateOutputProblem } from '../config/provenance.js';
import { changeCount, StagedTree, summarize } from '../synth/dist-tree.js';
import { buildEnvironment, type BuiltEnvironment } from '../synth/build-environment.js';
import { ChartCache } from '../synth/chart-cache.js';
import { CachedFilesCheck } from '../synth/cached-files-check.js';
import { readCacheTexts } from '../synth/cache-files.cjs';
import { withBoundedHeapGrowth } from '../lib/memory.js';
import { flag, parseArgs, switchOn, UsageError, type CommandSpec, type Io } from './args.js';

export const SYNTH: CommandSpec = {
  usage: 'npm run synth [-- --env <env>] [--check] [--no-cache]',
  flags: { env: 'value', check: 'switch', 'no-cache': 'switch', dist: 'value' },
};

/** One environment's output, checked and compared with what dist/<env> holds. */
interface EnvPlan extends BuiltEnvironment {
  readonly name: string;
  readonly dir: string;
  readonly cache?: ChartCache;
  readonly stage?: StagedTree;
}

/**
 * `synth [--env <name>] [--check] [--no-cache]`: loads and checks the inputs, synthesizes each environment chart by
 * chart, validates every object, and only when all of it passed writes the files whose bytes differ and removes the
 * stale ones. It prints what changed per environment. Charts of a tenant whose file, environment and generator code
 * did not change since the last run are reused from a cache (never with --check or --no-cache). With --check it
 * writes nothing and exits 1 when dist/ is not what it would produce. Any failure leaves dist/ as it was.
 */
export function synthCommand(
  root: string,
  argv: readonly string[],
  io: Io,
  /** Swappable so tests can make synthesis crash or emit a bad object. */
  plan: typeof planEnvironment = planEnvironment,
): number {
  const args = parseArgs(argv, SYNTH);
  const dist = resolve(root, flag(args, 'dist', 'dist')!);
  const only = flag(args, 'env');
  const check = switchOn(args, 'check');
  const useCache = !check && !switchOn(args, 'no-cache');

  // The caches of the environment folders, read now so that a second core checks their files while this one loads
  // and plans (see CachedFilesCheck).
  const early = useCache ? CachedFilesCheck.takeEarly(dist) : undefined;
  const cacheTexts = early?.caches ?? (useCache ? readCacheTexts(root, dist) : new Map<string, string>());
  const filesCheck = early?.check ?? (cacheTexts.size > 0 ? CachedFilesCheck.start(cacheTexts) : undefined);
  let input, sources;
  const inputCache = useCache ? InputCache.open(root, generatorVersion()) : undefined;
  try {
    ({ input, sources } = loadInputWithSources(root, { cache: inputCache }));
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    for (const err of e.errors) io.err(formatInputError(err));
    io.err(`synth: ${e.errors.length} error(s) in the input files; dist/ was not changed`);
    return 1;
  } finally {
    // The files that passed their own checks are remembered even when others failed.
    inputCache?.save();
  }
  // CODEOWNERS follows the tenant files (not with --dist: that writes the manifests elsewhere and nothing else).
  let owners;
  try {
    owners = args.flags.has('dist') ? undefined : plannedCodeowners(root, input.tenants);
  } catch (e) {
    if (!(e instanceof CodeownersError)) throw e;
    io.err(`synth: ${e.message}; dist/ was not changed`);
    return 1;
  }
  const envs = only ? input.environments.filter((e) => e.name === only) : input.environments;
  if (only && envs.length === 0) {
    throw new UsageError(`no environment "${only}" (environments: ${input.environments.map((e) => e.name).join(', ')})`, SYNTH.usage);
  }

  const plans: EnvPlan[] = [];
  const problems: string[] = [];
  const valueProblems = new Set<string>();
  try {
    for (const env of envs) {
      const dir = join(dist, env.name);
      const cache = useCache ? ChartCache.open(root, dir, cacheTexts.get(dir)) : undefined;
      const units = plan(input, env);
      // Helm values of the add-ons, exactly as planned, against the vendored defaults of each pinned chart: a typo is
      // an error, not ignored. Skipped when the argocd unit, which carries them, has the key of a run that passed.
      if (!addonValuesChecked(units, cache)) {
        const found = helmValuesProblems(plannedAddons(input, env).map((a) => a.addon));
        if (found.length > 0) {
          for (const p of found) valueProblems.add(p);
          continue;
        }
      }
      const stage = check ? undefined : new StagedTree(dir);
      const onChart = (done: number, total: number) => io.progress?.(`synth: dist/${env.name}: ${done}/${total} units`);
      const options = { cache, stage, onChart, intactUnits: () => filesCheck?.intactUnits(dir) };
      plans.push({ name: env.name, dir, cache, stage, ...withBoundedHeapGrowth(() => buildEnvironment(input, env, units, dir, options)) });
      // Each problem names the input file and line behind the object, where the user can fix it.
      problems.push(...plans[plans.length - 1].problems.map((p) => locateOutputProblem({ input, sources }, env.name, p)));
    }
  } catch (e) {
    for (const p of plans) p.stage?.discard();
    throw e;
  } finally {
    io.progress?.('');
  }
  if (valueProblems.size > 0) {
    for (const p of plans) p.stage?.discard();
    for (const p of valueProblems) io.err(p);
    io.err(`synth: ${valueProblems.size} problem(s) in the Helm values of the add-ons; dist/ was not changed`);
    return 1;
  }
  if (problems.length > 0) {
    for (const p of plans) p.stage?.discard();
    for (const p of problems) io.err(p);
    io.err(`synth: ${problems.length} problem(s) in the synthesized manifests; dist/ was not changed`);
    return 1;
  }
  // Without --env, the folder of an environment whose file was deleted goes too; Argo CD then prunes what it deployed.
  const staleEnvs = only ? [] : staleEnvironments(dist, new Set(envs.map((e) => e.name)));

  if (check) return reportCheck(plans, owners?.stale ? [...staleEnvs, CODEOWNERS_FILE] : staleEnvs, io);
  for (const p of plans) {
    p.stage!.commit(p.changes.removed);
    if (!p.untouched) p.cache?.save(p.dir);
  }
  for (const name of staleEnvs) rmSync(join(dist, name), { recursive: true, force: true });
  for (const p of plans) io.out(`synth: dist/${p.name}: ${summarize(p.changes)}`);
  for (const name of staleEnvs) io.out(`synth: dist/${name}: removed (no environments/${name}.yaml)`);
  if (owners?.stale) {
    mkdirSync(dirname(join(root, CODEOWNERS_FILE)), { recursive: true });
    writeFileSync(join(root, CODEOWNERS_FILE), owners.text);
    io.out(`synth: ${CODEOWNERS_FILE}: updated from the tenant files`);
  }
  return 0;
}

/** --check: lists every path that differs from what synth would write (CODEOWNERS too); exit 1 when there is one. */
function reportCheck(plans: readonly EnvPlan[], staleEnvs: readonly string[], io: Io): number {
  let stale = 0;
  for (const plan of plans) {
    const c = plan.changes;
    stale += changeCount(c);
    const lines = [
      ...c.added.map((p) => `  missing   dist/${plan.name}/${p}`),
      ...c.changed.map((p) => `  differs   dist/${plan.name}/${p}`),
      ...c.removed.map((p) => `  stale     dist/${plan.name}/${p}`),
    ].sort((a, b) => a.slice(12).localeCompare(b.slice(12)));
    io.out(`synth --check: dist/${plan.name}: ${changeCount(c) === 0 ? 'up to date' : summarize(c)}`);
    for (const l of lines) io.out(l);
  }
  for (const name of staleEnvs) {
    stale += 1;
    io.out(name === CODEOWNERS_FILE ? `synth --check: ${name}: stale (not what the tenant files give)` : `synth --check: dist/${name}: stale (no environments/${name}.yaml)`);
  }
  if (stale === 0) return 0;
  io.err("synth --check: dist/ is not what synth produces; run 'npm run synth' and commit the result");
  return 1;
}

/**
 * Whether the add-ons' Helm values were checked by a run that passed: the argocd unit, whose key covers everything
 * the values are made from (the environment, the tenants' add-on view, the generator's code with the vendored
 * defaults), has the key that run recorded.
 */
function addonValuesChecked(units: readonly ChartPlan[], cache: ChartCache | undefined): boolean {
  const argocd = units.find((u) => u.id === 'argocd');
  const recorded = cache?.previous('argocd')?.key;
  return argocd?.inputs !== undefined && recorded !== undefined && recorded === ChartCache.key(generatorVersion(), ...argocd.inputs);
}

/** Folders of dist/ other than the kept environments: environments whose file was deleted. */
function staleEnvironments(dist: string, keep: ReadonlySet<string>): string[] {
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !keep.has(e.name))
    .map((e) => e.name)
    .sort();
}
