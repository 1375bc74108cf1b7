#!/usr/bin/env node
/**
 * Runs the CLI (src/main.ts) from one bundled file that esbuild builds the first time a version of the sources runs,
 * kept under node_modules/.cache. Why: loading the TypeScript sources through tsx's loader, with the hundreds of
 * ESM files of the @kubernetes-models packages, cost two to three seconds of every command; the bundle loads in a
 * fraction of that. The bundle is named by a hash of everything that goes into it, so a stale one is never run.
 *
 * Start-up is what a one-tenant change waits for, so the bundle is not imported as an ES module (V8 would parse and
 * compile its megabytes on every run; Node 20 has no compile cache for modules). It is a CommonJS bundle wrapped in
 * one function expression, compiled with vm.Script from V8's code cache: the bytecode of the top level and of every
 * function the first run compiled, written next to the bundle when that run ends. A cache V8 rejects (node run with
 * other V8 flags) is written anew; the cache only ever saves compiling, it never changes what runs.
 */
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import * as vm from 'node:vm';
import { MessageChannel, Worker } from 'node:worker_threads';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * `synth`: starts the worker that checks the files synth's caches record (src/synth/cached-files-check.ts) right
 * away, before the bundle is read, compiled and run, so that its answer is there when synth needs it (a one-tenant
 * change at a thousand tenants is about a second, and this is a good part of it). Only a head start: synth takes
 * the check over when it is for the same dist folder (CachedFilesCheck.takeEarly), and starts its own otherwise.
 */
function startFilesCheck(argv) {
  if (argv[0] !== 'synth' || argv.includes('--check') || argv.includes('--no-cache')) return;
  const at = argv.findIndex((a) => a === '--dist' || a.startsWith('--dist='));
  const folder = at < 0 ? 'dist' : argv[at].startsWith('--dist=') ? argv[at].slice('--dist='.length) : argv[at + 1];
  if (!folder) return;
  const dist = resolve(process.cwd(), folder);
  // Read as synth reads them (src/synth/cache-files.cjs), so that synth can take this check over.
  const caches = createRequire(import.meta.url)(join(root, 'src/synth/cache-files.cjs')).readCacheTexts(process.cwd(), dist);
  if (caches.size === 0) return;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(join(root, 'src/synth/cached-files-worker.cjs'), { workerData: { caches: [...caches], signal, port: port2 }, transferList: [port2] });
  worker.unref();
  globalThis[Symbol.for('agentic-platform-gitops.cached-files-check')] = { dist, caches, signal, port: port1 };
}
startFilesCheck(process.argv.slice(2));
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

/**
 * The function the bundle is wrapped in (see build()). Only require and import.meta.url: as in the ES module it was,
 * __dirname, __filename, module and exports are not defined.
 */
const WRAPPER = '(function (require, __bundle_url) {';

/** Writes a file whole or not at all, even when several commands write it at once. */
function writeWhole(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function build(bundle) {
  const esbuild = await import('esbuild');
  const tmp = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [join(root, 'src/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    // Less text to read and parse. Identifiers keep their names: stack traces of internal errors must still read.
    minifyWhitespace: true,
    minifySyntax: true,
    // re2-wasm (used by @kubernetes-models/validate) loads its .wasm file next to its own code: keep it a package.
    external: ['re2-wasm'],
    // import.meta.url: the bundle's own file URL, as when it was run as an ES module.
    define: { __GENERATOR_ROOT__: JSON.stringify(root), 'import.meta.url': '__bundle_url' },
    // ASCII only (esbuild's default, stated because the bundle is read as Latin-1 when it is ASCII).
    charset: 'ascii',
    // One function expression, which vm.Script compiles and cli.mjs calls (see WRAPPER).
    banner: { js: WRAPPER },
    footer: { js: '})' },
  });
  // A rename makes the new bundle appear whole even when two commands build it at once. Bundles of other versions (and
  // their code caches, and the ES module bundles of earlier versions of this script) go after a day: other checkouts
  // sharing node_modules may still be using theirs.
  renameSync(tmp, bundle);
  const dir = dirname(bundle);
  for (const old of readdirSync(dir).filter((f) => f.startsWith('main-'))) {
    const path = join(dir, old);
    try {
      if (Date.now() - statSync(path).mtimeMs > 24 * 3600 * 1000) rmSync(path, { force: true });
    } catch {
      // Gone already (another command cleaning up).
    }
  }
}

/** Reads the bundle, or undefined when there is none (yet, or any more). */
function readBundle(bundle) {
  try {
    return readFileSync(bundle);
  } catch (e) {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  }
}

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Start-up allocates some 15 MB that all stays alive; the young generation, starting small and doubling, copied it
 * over and over in some ten collections. Let it grow to its (unchanged) maximum at once instead. Set before the
 * bundle is compiled: V8's flags are part of what its code cache must match.
 */
setFlagsFromString('--semi-space-growth-factor=16');

const dir = join(root, 'node_modules/.cache/agentic-platform-gitops/cli');
const bundle = join(dir, `main-${sourceHash()}.js`);
let bytes = readBundle(bundle);
if (!bytes) {
  mkdirSync(dir, { recursive: true });
  await build(bundle);
  bytes = readFileSync(bundle);
}
// Latin-1 decoding of ASCII is a copy; UTF-8 decoding of megabytes is not.
const source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.utf8Slice(0, bytes.length);
// V8's code cache is specific to the V8 version and the architecture, and to V8's flags: when V8 rejects it (node was
// run with other flags), it is written anew for these.
const cachePath = `${bundle}.${process.version}-${process.arch}.v8cache`;
const cachedData = readCache(cachePath);
const script = new vm.Script(source, {
  filename: bundle,
  cachedData,
  // No dynamic import() in the bundle today; should one appear, it resolves as in any module.
  importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (!cachedData || script.cachedDataRejected) {
  // After the command, so the cache holds the functions it compiled too, not only the top level.
  process.once('exit', () => {
    try {
      // V8's flags are part of what the cache must match: commands that change one at run time (src/lib/memory.ts)
      // restore it; --expose-gc, which earlier versions turned on, is turned off in case.
      setFlagsFromString('--no-expose-gc');
      writeWhole(cachePath, script.createCachedData());
    } catch {
      // Only a cache (a read-only node_modules, a full disk): the next command compiles again.
    }
  });
}
/**
 * re2-wasm compiles and starts a WebAssembly module when it loads, and the bundle builds its one RE2 pattern (of a
 * Prometheus Operator schema) at the top level: that cost every command tens of milliseconds. The bundle gets an RE2
 * that loads re2-wasm and builds the real pattern on first use, and forwards everything to it.
 */
function lazyRe2(load) {
  let module;
  return {
    RE2: function RE2(...args) {
      if (!new.target) throw new TypeError("Class constructor RE2 cannot be invoked without 'new'");
      let re;
      const real = () => (re ??= new (module ??= load()).RE2(...args));
      return new Proxy({}, {
        get: (_, key) => {
          const value = Reflect.get(real(), key);
          return typeof value === 'function' ? value.bind(real()) : value;
        },
        set: (_, key, value) => Reflect.set(real(), key, value),
        has: (_, key) => Reflect.has(real(), key),
        getPrototypeOf: () => Reflect.getPrototypeOf(real()),
      });
    },
  };
}
const nodeRequire = createRequire(bundle);
const re2 = lazyRe2(() => nodeRequire('re2-wasm'));
const bundleRequire = Object.assign((id) => (id === 're2-wasm' ? re2 : nodeRequire(id)), nodeRequire);
script.runInThisContext()(bundleRequire, pathToFileURL(bundle).href);
