import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readManifests, type ManifestDoc } from '../synth/read-dist.js';
import { ChartCache } from '../synth/chart-cache.js';
import { generatorVersion } from '../lib/generator.js';
import { checkEnvironmentManifests } from '../synth/validate-manifests.js';
import { flag, parseArgs, type CommandSpec, type Io } from './args.js';

export const VALIDATE: CommandSpec = { usage: 'npm run validate [-- --dist <folder>]', flags: { dist: 'value' } };

/**
 * `validate [--dist dist]`: runs synth's output checks (schemas, uniqueness, GPU proofs) over dist/<env>/. Files
 * whose bytes synth validated with the same generator code (its cache) skip the schema check; every other file,
 * hand-edited ones included, is checked in full.
 */
export function validateCommand(root: string, argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, VALIDATE);
  const dist = join(root, flag(args, 'dist', 'dist')!);
  if (!existsSync(dist)) {
    io.err(`validate: ${dist} does not exist; run npm run synth first`);
    return 1;
  }
  let count = 0;
  const problems: string[] = [];
  for (const env of readdirSync(dist, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(dist, env);
    const docs = readManifests(dir);
    count += docs.length;
    // A file byte-identical to an object that passed this generator's validation in synth needs no new proof.
    const cache = ChartCache.open(root, dir);
    const generator = generatorVersion();
    const known = (doc: ManifestDoc) => doc.text !== undefined && cache.isValidated(ChartCache.objectHash(generator, doc.text));
    problems.push(...checkEnvironmentManifests(docs, known).map((p) => `dist/${env}/${p}`));
  }
  for (const p of problems) io.err(p);
  if (problems.length > 0) {
    io.err(`validate: ${problems.length} problem(s) in ${count} objects`);
    return 1;
  }
  io.out(`validate: ${count} objects valid`);
  return 0;
}
