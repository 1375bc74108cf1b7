import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifests } from '../synth/read-dist.js';
import type { DistObject, KubeObject } from './impact.js';

/** The objects of every environment of a dist folder: environment → objects with their chart folder. */
export type DistObjects = Map<string, DistObject[]>;

/** Reads `dist/` back: one entry per environment folder. */
export function readDistObjects(dist: string): DistObjects {
  const out: DistObjects = new Map();
  if (!existsSync(dist)) return out;
  for (const env of readdirSync(dist, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const docs: DistObject[] = [];
    for (const d of readManifests(join(dist, env))) {
      if (d.parseError) throw new Error(`dist/${env}/${d.file}: ${d.parseError}`);
      const folder = d.file.split(/[\\/]/)[0];
      if (d.object && d.file.includes('/')) docs.push({ folder, object: d.object as KubeObject });
    }
    out.set(env, docs);
  }
  return out;
}

/** Synthesizes the inputs of `root` into `dist` with the current code (in process). Returns false on failure. */
export type Synthesize = (root: string, dist: string) => { ok: boolean; errors: string[] };

export interface BaseRevision {
  /** Where the base's dist came from, for the report's header. */
  readonly how: string;
  readonly objects: DistObjects;
  /** Tenant files that differ between the base and the working tree (added, changed or removed). */
  readonly changedTenants: Set<string>;
  /** Vendored chart values files (vendor/helm-values) that differ: chart upgrades. */
  readonly changedChartValues: string[];
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * Materializes `ref` in a temporary worktree and synthesizes it: with its own code (`node scripts/cli.mjs synth`,
 * node_modules linked from this checkout) when the revision has it, else (an inputs-only repository) with the current
 * code. When the base's own synth fails (an old revision whose synth needs something this checkout lacks), its
 * committed dist/ is used, and the header says so. The worktree is always removed.
 */
export function synthesizeBase(root: string, ref: string, synthesize: Synthesize, warn: (line: string) => void): BaseRevision {
  git(root, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  const tmp = mkdtempSync(join(tmpdir(), 'diff-base-'));
  const tree = join(tmp, 'tree');
  git(root, 'worktree', 'add', '--detach', '--quiet', tree, ref);
  try {
    const changedTenants = new Set(
      [...git(root, 'diff', '--name-only', ref, '--', 'tenants').split('\n'), ...git(root, 'ls-files', '--others', '--exclude-standard', '--', 'tenants').split('\n')]
        .map((f) => f.match(/^tenants\/([^/]+)\.yaml$/)?.[1])
        .filter((t): t is string => !!t),
    );
    const changedChartValues = [
      ...git(root, 'diff', '--name-status', ref, '--', 'vendor/helm-values').split('\n'),
      ...git(root, 'ls-files', '--others', '--exclude-standard', '--', 'vendor/helm-values').split('\n').filter((f) => f).map((f) => `A\t${f}`),
    ]
      .filter((l) => /values\.yaml$/.test(l))
      .map((l) => l.replace(/^A\t/, 'added ').replace(/^D\t/, 'removed ').replace(/^[MR]\d*\t/, 'changed '))
      .sort();
    const ownCode = existsSync(join(tree, 'scripts/cli.mjs')) && existsSync(join(tree, 'src/main.ts'));
    if (ownCode) {
      if (existsSync(join(root, 'node_modules')) && !existsSync(join(tree, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
      // Its own synth into its own dist/ (no flags beyond --no-cache, which every revision with this CLI knows).
      const run = spawnSync(process.execPath, ['scripts/cli.mjs', 'synth'], { cwd: tree, encoding: 'utf8', env: { ...process.env, CI: '1' } });
      if (run.status === 0) return { how: `${ref}, synthesized with its own code`, objects: readDistObjects(join(tree, 'dist')), changedTenants, changedChartValues };
      warn(`diff: the base's own synth failed (exit ${run.status}); using its committed dist/:\n${(run.stderr || run.stdout).trim().split('\n').slice(-5).join('\n')}`);
      if (existsSync(join(tree, 'dist'))) {
        git(tree, 'checkout', '--quiet', '--', 'dist');
        return { how: `${ref}, its committed dist/ (its synth failed)`, objects: readDistObjects(join(tree, 'dist')), changedTenants, changedChartValues };
      }
      throw new BaseError(`the base ${ref} could not be synthesized and has no dist/`);
    }
    const dist = join(tmp, 'dist');
    const result = synthesize(tree, dist);
    if (!result.ok) throw new BaseError(`the base ${ref} does not synthesize:\n${result.errors.join('\n')}`);
    return { how: `${ref}, its inputs synthesized with the current code`, objects: readDistObjects(dist), changedTenants, changedChartValues };
  } finally {
    try {
      git(root, 'worktree', 'remove', '--force', tree);
    } catch {
      // already gone; prune the record below
    }
    rmSync(tmp, { recursive: true, force: true });
    spawnSync('git', ['-C', root, 'worktree', 'prune'], { stdio: 'ignore' });
  }
}

/** The base revision could not be synthesized: exit 1, like bad input. */
export class BaseError extends Error {}
