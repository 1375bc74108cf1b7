import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentImpact } from '../review/impact.js';
import { renderJson, renderMarkdown, renderText, riskCount, type ImpactReport } from '../review/render.js';
import { BaseError, readDistObjects, synthesizeBase, type Synthesize } from '../review/revisions.js';
import { flag, parseArgs, UsageError, type CommandSpec, type Io } from './args.js';
import { synthCommand } from './synth-command.js';

export const DIFF: CommandSpec = {
  usage: 'npm run diff -- --base <git-ref> [--format text|markdown|json] [--env <env>]',
  flags: { base: 'value', format: 'value', env: 'value' },
};

/** Exit code when the change holds something a reviewer must look at (see the README, "Reviewing a pull request"). */
export const EXIT_RISKY = 4;

/** The working tree's inputs, synthesized by the current code into `dist` (nothing else is written). */
const synthesizeWith =
  (io: Io): Synthesize =>
  (root, dist) => {
    const errors: string[] = [];
    const code = synthCommand(root, ['--dist', dist, '--no-cache'], { out: () => {}, err: (l) => errors.push(l), progress: io.progress });
    return { ok: code === 0, errors };
  };

/**
 * `diff --base <ref>`: synthesizes the base revision (in a temporary git worktree, with its own code) and the working
 * tree, and reports per environment and per Argo CD Application what is added, removed and changed (field by field),
 * after a summary of what is risky. Exit 0: no risk; 1: a revision does not synthesize; 2: usage; 4: risky changes.
 */
export function diffCommand(root: string, argv: readonly string[], io: Io, synthesize: Synthesize = synthesizeWith(io)): number {
  const args = parseArgs(argv, DIFF);
  const ref = flag(args, 'base');
  if (!ref) throw new UsageError('--base <git-ref> is required (e.g. origin/main)', DIFF.usage);
  const format = flag(args, 'format', 'text')!;
  if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be text, markdown or json (got ${format})`, DIFF.usage);
  const only = flag(args, 'env');

  let base;
  try {
    base = synthesizeBase(root, ref, synthesize, io.err);
  } catch (e) {
    if (e instanceof BaseError) {
      io.err(`diff: ${e.message}`);
      return 1;
    }
    const stderr = (e as { stderr?: string }).stderr;
    if (stderr !== undefined) throw new UsageError(`git: ${String(stderr).trim() || `no revision ${ref}`}`, DIFF.usage);
    throw e;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'diff-head-'));
  try {
    const head = synthesize(root, join(tmp, 'dist'));
    if (!head.ok) {
      for (const l of head.errors) io.err(l);
      io.err('diff: the working tree does not synthesize; fix the errors above');
      return 1;
    }
    const headObjects = readDistObjects(join(tmp, 'dist'));
    const envs = [...new Set([...base.objects.keys(), ...headObjects.keys()])].filter((e) => !only || e === only).sort();
    const report: ImpactReport = {
      base: base.how,
      head: 'the working tree',
      chartValues: base.changedChartValues,
      environments: envs.map((e) => environmentImpact(e, base.objects.get(e), headObjects.get(e), { changedTenants: base.changedTenants })),
    };
    io.out(format === 'json' ? renderJson(report) : format === 'markdown' ? renderMarkdown(report) : renderText(report));
    return riskCount(report) > 0 ? EXIT_RISKY : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
