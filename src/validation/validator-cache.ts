import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_ROOT } from '../lib/generator.js';
import { OUTPUT_STANDALONE, type StandaloneKind, type ValidateFn } from './standalone-code.js';

/**
 * Compiled schema validators kept on disk between runs, as ajv standalone code. Why: compiling the large CRD schemas
 * cost seconds of CPU at the start of every synth, and its garbage much of the peak memory; loading the code ajv
 * generated last time costs a few milliseconds. Shared by the checkouts that share node_modules, like the CLI bundle.
 */
export const VALIDATOR_CACHE_DIR = join(GENERATOR_ROOT, 'node_modules/.cache/agentic-platform-gitops/validators');

/** Bumped when the layout of a cache file or the way its code is loaded changes. */
const FORMAT = 1;

/**
 * The file name of a schema's compiled code: a hash of everything the code depends on (the schema as compiled, the
 * kind's ajv version and options, this file's format). A changed schema or a new ajv gets a new file; a stale file is
 * never read, and is removed a month after it was written (see prune).
 */
export function cacheKey(schema: object, kind: StandaloneKind = OUTPUT_STANDALONE): string {
  return createHash('sha256')
    .update(JSON.stringify({ format: FORMAT, ...kind.id }))
    .update('\0')
    .update(JSON.stringify(schema))
    .digest('hex')
    .slice(0, 32);
}

/** The first line of a cache file: a hash of the rest, so a truncated or damaged file is recognised and ignored. */
const header = (code: string): string => `// sha256 ${createHash('sha256').update(code).digest('hex')}\n`;

/**
 * The schema's validate function: from the cache when a sound file for it is there, else compiled now and written
 * to the cache for the next run. The cache is only an accelerator: when it cannot be read or written, the schema is
 * compiled as if it were not there.
 */
export function cachedValidator(schema: object, dir = VALIDATOR_CACHE_DIR, kind: StandaloneKind = OUTPUT_STANDALONE): ValidateFn {
  const file = join(dir, `${cacheKey(schema, kind)}.cjs`);
  const cached = readSound(file);
  if (cached !== undefined) {
    try {
      return kind.load(cached);
    } catch {
      // Sound but unloadable (written by code that no longer matches): compile afresh below.
    }
  }
  const code = kind.code(schema);
  write(dir, file, code);
  prune(dir);
  return kind.load(code);
}

/** The code in a cache file whose header matches its contents, or undefined. */
function readSound(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const code = text.slice(newline + 1);
  return newline >= 0 && text.slice(0, newline + 1) === header(code) ? code : undefined;
}

/** Writes a cache file whole or not at all: two runs compiling the same schema at once each rename a complete file. */
function write(dir: string, file: string, code: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, header(code) + code);
    renameSync(tmp, file);
  } catch {
    // A read-only node_modules or a full disk: the next run compiles again.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder itself could not be made: there is no file to remove.
    }
  }
}

/** How long a cache file is kept after it was written. Removing one still in use only costs one compilation. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/**
 * Removes cache files written more than MAX_AGE_MS ago, and temporary files of runs that died: what schema upgrades
 * leave behind. Runs only after a compilation, so that runs that find everything cached do not pay for it.
 */
function prune(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const age = Date.now() - statSync(path).mtimeMs;
      if (age > (name.endsWith('.tmp') ? 3600 * 1000 : MAX_AGE_MS)) rmSync(path, { force: true });
    }
  } catch {
    // Another run pruning at the same time, or no folder: nothing to do.
  }
}
