import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChartCache } from '../synth/chart-cache.js';
import { scanEnvironment } from '../synth/environment-scan.js';
import { readManifestFile } from '../synth/read-dist.js';
import { generatorVersion } from '../lib/generator.js';
import { EnvironmentChecks } from '../synth/validate-manifests.js';
import { flag, parseArgs, type CommandSpec, type Io } from './args.js';

export const VALIDATE: CommandSpec = { usage: 'npm run validate [-- --dist <folder>]', flags: { dist: 'value' } };

/**
 * `validate [--dist dist]`: runs synth's output checks (schemas, pinned images, uniqueness, GPU proofs) over every
 * .yaml file of dist/<env>/. A file that still has the size and modification time synth's cache recorded for it is
 * what synth wrote and validated with the same generator code: what the cache recorded of it (identity, GPU objects)
 * stands in, unread. Every other file, hand-edited ones included, is read and checked in full, except that an
 * object whose bytes synth recorded as valid for that file needs no new proof.
 */
export function validateCommand(root: string, argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, VALIDATE);
  const dist = resolve(root, flag(args, 'dist', 'dist')!);
  if (!existsSync(dist)) {
    io.err(`validate: ${dist} does not exist; run npm run synth first`);
    return 1;
  }
  let count = 0;
  const problems: string[] = [];
  const generator = generatorVersion();
  for (const env of readdirSync(dist, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(dist, env);
    const cache = ChartCache.open(root, dir);
    const checks = new EnvironmentChecks();
    const files = listEnvironment(dir, cache).filter((f) => f.endsWith('.yaml')).sort();
    files.forEach((file, index) => {
      if (index % 2000 === 0) io.progress?.(`validate: dist/${env}: ${index}/${files.length} files`);
      const known = cache.file(file);
      if (known) {
        const [name, size, mtimeMs, , identity] = known.file;
        const stat = statSync(join(dir, file), { throwIfNoEntry: false });
        if (stat && stat.size === size && stat.mtimeMs === mtimeMs) {
          count++;
          checks.addIdentity(file, identity);
          for (const [gpuName, object] of known.unit.gpu) if (gpuName === name) checks.addGpuObject(file, object);
          return;
        }
      }
      for (const doc of readManifestFile(dir, file)) {
        if (doc.object === null || doc.object === undefined) {
          if (doc.parseError) checks.problems.push(`${file}: YAML error: ${doc.parseError}`);
          continue;
        }
        count++;
        // Bytes synth recorded for this very file passed the same generator's checks.
        checks.add(file, doc.object, doc.text !== undefined && known !== undefined && known.file[3] === ChartCache.objectHash(generator, doc.text));
      }
    });
    problems.push(...checks.finish().map((p) => `dist/${env}/${p}`));
  }
  io.progress?.('');
  for (const p of problems) io.err(p);
  if (problems.length > 0) {
    io.err(`validate: ${problems.length} problem(s) in ${count} objects`);
    return 1;
  }
  io.out(`validate: ${count} objects valid`);
  return 0;
}

/** Every file under one dist/<env> folder (relative paths), the folders synth left as they were taken from its cache. */
function listEnvironment(dir: string, cache: ChartCache): string[] {
  const { topFiles, unchanged, listed } = scanEnvironment(dir, cache);
  return [...topFiles, ...[...unchanged].flatMap((folder) => cache.filesIn(folder)), ...[...listed].flatMap(([folder, names]) => names.map((name) => `${folder}/${name}`))];
}
