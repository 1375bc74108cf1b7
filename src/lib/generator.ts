import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by scripts/cli.mjs when it bundles the CLI: the checkout the bundle was built from. */
declare const __GENERATOR_ROOT__: string | undefined;

/**
 * The folder of this generator's own checkout: given by the bundler, or found upwards from this module (its
 * package.json next to imports/) when the code runs from src/ through tsx. The bundle cannot look upwards from itself:
 * it lives under node_modules/.cache, and node_modules may be shared by several checkouts.
 */
export const GENERATOR_ROOT = typeof __GENERATOR_ROOT__ === 'string' ? __GENERATOR_ROOT__ : (() => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'imports'))) return dir;
    if (dirname(dir) === dir) throw new Error(`internal: no package.json with imports/ above ${fileURLToPath(import.meta.url)}`);
  }
})();

/** Generated schemas and field tables (imports/). */
export const IMPORTS_DIR = join(GENERATOR_ROOT, 'imports');

/** What the generator's output depends on besides its input files: its code, generated tables and locked packages. */
const CODE = ['src', 'charts', 'imports', 'package-lock.json'];

let version: string | undefined;
/**
 * A hash of everything that makes up the generator: a cache keyed on it can never serve output of other code.
 * About 200 small files: a few milliseconds.
 */
export function generatorVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  const add = (rel: string) => {
    const path = join(GENERATOR_ROOT, rel);
    if (!existsSync(path)) return;
    if (!statSync(path).isDirectory()) {
      hash.update(rel).update(readFileSync(path));
      return;
    }
    const files = readdirSync(path, { recursive: true, withFileTypes: true }).filter((x) => x.isFile());
    for (const e of files.map((x) => join(x.parentPath, x.name)).sort()) {
      hash.update(e.slice(GENERATOR_ROOT.length)).update(readFileSync(e));
    }
  };
  for (const rel of CODE) add(rel);
  version = hash.digest('hex');
  return version;
}
