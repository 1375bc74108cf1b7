#!/usr/bin/env node
/**
 * Runs the CLI (src/main.ts) from one bundled file that esbuild builds the first time a version of the sources runs,
 * kept under node_modules/.cache. Why: loading the TypeScript sources through tsx's loader, with the hundreds of
 * ESM files of the @kubernetes-models packages, cost two to three seconds of every command; the bundle loads in a
 * fraction of that. The bundle is named by a hash of everything that goes into it, so a stale one is never run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
/**
 * What the bundle is made of: our sources, the locked packages, the compiler settings, this script, and the generated
 * key trees of the vendored Helm values, which the sources import.
 */
const INPUTS = ['src', 'charts', 'package-lock.json', 'tsconfig.json', 'scripts/cli.mjs', 'imports/helm-values.json'];

function sourceHash() {
  const hash = createHash('sha256');
  for (const rel of INPUTS) {
    const path = join(root, rel);
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()
      : [path];
    for (const file of files) hash.update(file.slice(root.length)).update('\0').update(readFileSync(file));
  }
  // The checkout too: the bundle knows where its imports/ are, and node_modules may be shared by several checkouts.
  hash.update(root);
  return hash.digest('hex').slice(0, 20);
}

const dir = join(root, 'node_modules/.cache/agentic-platform-gitops/cli');
const bundle = join(dir, `main-${sourceHash()}.mjs`);
if (!existsSync(bundle)) {
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, 'src/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // re2-wasm (used by @kubernetes-models/validate) loads its .wasm file next to its own code: keep it a package.
    external: ['re2-wasm'],
    define: { __GENERATOR_ROOT__: JSON.stringify(root) },
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // A rename makes the new bundle appear whole even when two commands build it at once. Bundles of other versions go
  // after a day (other checkouts sharing node_modules may still be using theirs).
  renameSync(tmp, bundle);
  for (const old of readdirSync(dir).filter((f) => f.startsWith('main-') && f.endsWith('.mjs'))) {
    const path = join(dir, old);
    if (Date.now() - statSync(path).mtimeMs > 24 * 3600 * 1000) rmSync(path, { force: true });
  }
}
await import(pathToFileURL(bundle).href);
