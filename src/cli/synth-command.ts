import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeEnvironment } from '../app.js';
import { formatInputError, InputErrors } from '../config/input-error.js';
import { loadInputWithSources } from '../config/load.js';
import { locateOutputProblem } from '../config/provenance.js';
import { readManifests } from '../synth/read-dist.js';
import { renderFiles } from '../synth/render-files.js';
import { swapIn, writeStaging } from '../synth/replace-dir.js';
import { checkEnvironmentManifests } from '../synth/validate-manifests.js';
import { environmentReadme } from '../synth/environment-readme.js';
import { flag, UsageError, type Io, type ParsedArgs } from './args.js';

/**
 * `synth [--env <name>]`: loads and checks the inputs, synthesizes each environment into a staging folder,
 * validates what was written, and only then swaps it in for dist/<env>. Any failure leaves dist/ as it was.
 */
export function synthCommand(
  root: string,
  args: ParsedArgs,
  io: Io,
  /** Swappable so tests can make synthesis crash or emit a bad object. */
  synthesize: typeof synthesizeEnvironment = synthesizeEnvironment,
): number {
  const dist = join(root, flag(args, 'dist', 'dist')!);
  const only = flag(args, 'env');

  let input, sources;
  try {
    ({ input, sources } = loadInputWithSources(root));
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    for (const err of e.errors) io.err(formatInputError(err));
    io.err(`synth: ${e.errors.length} error(s) in the input files; dist/ was not changed`);
    return 1;
  }
  const envs = only ? input.environments.filter((e) => e.name === only) : input.environments;
  if (only && envs.length === 0) {
    throw new UsageError(`no environment "${only}" (environments: ${input.environments.map((e) => e.name).join(', ')})`);
  }

  const stagings: { staging: string; target: string }[] = [];
  const problems: string[] = [];
  try {
    for (const env of envs) {
      const target = join(dist, env.name);
      const charts = synthesize(input, env);
      const files = renderFiles(charts);
      files.set('README.md', environmentReadme(input, env, charts.flatMap((c) => c.objects)));
      const staging = writeStaging(target, files);
      stagings.push({ staging, target });
      problems.push(...checkEnvironmentManifests(readManifests(staging)).map((p) => locateOutputProblem({ input, sources }, env.name, p)));
    }
    if (problems.length > 0) {
      for (const p of problems) io.err(p);
      io.err(`synth: ${problems.length} problem(s) in the synthesized manifests; dist/ was not changed`);
      return 1;
    }
    for (const { staging, target } of stagings) swapIn(staging, target);
    stagings.length = 0;
    if (!only) removeStaleEnvironments(dist, new Set(envs.map((e) => e.name)));
  } finally {
    for (const { staging } of stagings) rmSync(staging, { recursive: true, force: true });
  }
  for (const env of envs) io.out(`synth: dist/${env.name} is up to date`);
  return 0;
}

/** An environment file that was deleted takes its dist/ folder with it; Argo CD then prunes what it deployed. */
function removeStaleEnvironments(dist: string, keep: ReadonlySet<string>): void {
  if (!existsSync(dist)) return;
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    if (entry.isDirectory() && !keep.has(entry.name)) rmSync(join(dist, entry.name), { recursive: true, force: true });
  }
}
