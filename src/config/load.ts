import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { crossChecks, type Loaded } from './cross-checks.js';
import { checkCapacity } from '../policy/capacity.js';
import { tenantCapacityChecks } from './tenant-capacity.js';
import { InputErrors, sortInputErrors, type InputError } from './input-error.js';
import type { PlatformInput } from './platform-input.js';
import type { InputSources } from './provenance.js';
import { SchemaCheck } from './schema-check.js';
import { Environment } from './schema/environment.js';
import { Tenant } from './schema/tenant.js';
import { YamlSource } from './yaml-source.js';
import { LazySource } from './lazy-source.js';
import type { InputCache } from './input-cache.js';

/**
 * Reads `environments/*.yaml` and `tenants/*.yaml` under `root`: the only code that touches input files.
 * Throws `InputErrors` with every problem of every file when anything is wrong.
 */
export function loadInput(root: string): PlatformInput {
  return loadInputWithSources(root).input;
}

/** `loadInput`, plus the parsed files, so that later problems can point at the input line behind them. */
export function loadInputWithSources(root: string, options: { cache?: InputCache } = {}): { input: PlatformInput; sources: InputSources } {
  const errors: InputError[] = [];
  const envFiles = new Set<string>();
  const tenantFiles = new Set<string>();
  const environments = loadDir<Environment>(root, 'environments', new SchemaCheck<Environment>(Environment), errors, envFiles, options.cache);
  const tenants = loadDir<Tenant>(root, 'tenants', new SchemaCheck<Tenant>(Tenant), errors, tenantFiles, options.cache);
  if (environments.length === 0 && !errors.some((e) => e.file.startsWith('environments'))) {
    errors.push({ file: 'environments/', line: 0, column: 0, field: '', message: 'no environment files; add environments/<env>.yaml' });
  }
  // Cross-file checks run over every file that passed its schema, so one run reports everything it can.
  errors.push(...crossChecks(environments, tenants, tenantFiles, envFiles));
  // Capacity: only meaningful once every file is individually right. First what one tenant alone asks for too
  // much of (the tenant file's mistake), then the sums over all tenants of an environment.
  if (errors.length === 0) {
    for (const env of environments) {
      for (const t of tenants.filter((x) => x.value.environments.includes(env.value.name))) errors.push(...tenantCapacityChecks(t, env.value));
    }
  }
  if (errors.length === 0) {
    for (const env of environments) {
      const deployed = tenants.filter((t) => t.value.environments.includes(env.value.name)).map((t) => t.value);
      for (const p of checkCapacity(env.value, deployed)) errors.push(env.source.errorAt(['capacity'], p.message));
    }
  }
  if (errors.length > 0) throw new InputErrors(sortInputErrors(errors));
  const input = deepFreeze({
    environments: environments.map((e) => e.value),
    tenants: tenants.map((t) => t.value),
  });
  const sources: InputSources = {
    environments: new Map(environments.map((e) => [e.value.name, e.source])),
    tenants: new Map(tenants.map((t) => [t.value.name, t.source])),
  };
  return { input, sources };
}

/** Largest input file accepted: Kubernetes objects stay under about 1.5 MiB, and no input needs more than this. */
export const MAX_INPUT_BYTES = 1024 * 1024;
/** Larger files are not even parsed (a log or a disk image saved as .yaml). */
const MAX_PARSED_BYTES = 64 * 1024 * 1024;

function loadDir<T>(root: string, dir: string, check: SchemaCheck<T>, errors: InputError[], stems: Set<string>, cache?: InputCache): Loaded<T>[] {
  const full = join(root, dir);
  const listed = listDir(full, dir);
  if ('error' in listed) {
    errors.push(listed.error);
    return [];
  }
  const loaded: Loaded<T>[] = [];
  // Sorted, so that the result never depends on the order the file system lists files in.
  for (const name of listed.names) {
    const file = `${dir}/${name}`;
    const misnamed = /^(.*)\.(ya?ml)$/i.exec(name);
    if (!misnamed) continue;
    if (misnamed[2] !== 'yaml') {
      errors.push({ file, line: 0, column: 0, field: '', message: `rename to ${misnamed[1]}.yaml; only .yaml files (lower case) are read, so this one is ignored` });
      continue;
    }
    stems.add(basename(name, '.yaml'));
    const path = join(full, name);
    const read = readInputFile(path, file, errors, (stat) => cache?.byStat(file, stat));
    if (!read) continue;
    if ('value' in read) {
      loaded.push({ stem: basename(name, '.yaml'), source: new LazySource(file, () => readFileSync(path)), value: read.value as T });
      continue;
    }
    const { bytes, stat } = read;
    const cached = cache?.get(file, bytes, stat);
    if (cached !== undefined) {
      loaded.push({ stem: basename(name, '.yaml'), source: new LazySource(file, bytes), value: cached as T });
      continue;
    }
    const { source, errors: syntax, valueErrors } = YamlSource.parse(file, bytes);
    if (syntax.length > 0) {
      errors.push(...syntax);
      continue;
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      // An overlong value is reported at its line; otherwise many values add up, and the file as a whole is too big.
      const tooBig = { file, line: 1, column: 1, field: '', message: `is ${bytes.length} bytes, over the ${MAX_INPUT_BYTES} an input file may have; it must hold settings, not data` };
      errors.push(...(valueErrors.length > 0 ? valueErrors : [tooBig]));
      continue;
    }
    let data: unknown;
    try {
      data = source.toJS();
    } catch (e) {
      // yaml refuses documents whose aliases expand too far (a "billion laughs" file).
      errors.push({ file, line: 1, column: 1, field: '', message: `cannot be read: ${(e as Error).message}; remove the repeated aliases` });
      continue;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      errors.push(...valueErrors, { file, line: 1, column: 1, field: '', message: 'must be a YAML mapping (key: value lines); see the examples in this folder' });
      continue;
    }
    // The schema still checks the rest of a file with wrong values; where a value is wrong, its own error says why.
    const { value, errors: schemaErrors } = check.check(source, data);
    const wrongValues = new Set(valueErrors.map((e) => e.field));
    errors.push(...valueErrors, ...schemaErrors.filter((e) => !wrongValues.has(e.field)));
    if (value !== undefined && valueErrors.length === 0) {
      cache?.set(file, bytes, stat, value);
      // The parsed document is dropped: thousands of them, with positions, would be much of synth's memory. Should a
      // later message need a line of this file, it is parsed again.
      loaded.push({ stem: basename(name, '.yaml'), source: new LazySource(file, bytes), value });
    }
  }
  return loaded;
}

/** The sorted entries of an input folder; a missing folder is empty, any other surprise is an error at its path. */
function listDir(full: string, dir: string): { names: string[] } | { error: InputError } {
  try {
    return { names: readdirSync(full).sort() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { names: [] };
    return { error: { file: `${dir}/`, line: 0, column: 0, field: '', message: `cannot be listed (${fsReason(code)}); make it a readable folder` } };
  }
}

/**
 * The bytes of one input file, or undefined with an error at its path: dangling link, folder, unreadable, too big.
 * `known` may recognise the file by its size and time (see InputCache.byStat): then its value, and the file is not read.
 */
function readInputFile(path: string, file: string, errors: InputError[], known?: (stat: Stats) => unknown): { bytes: Uint8Array; stat: Stats } | { value: unknown } | undefined {
  const fail = (message: string) => {
    errors.push({ file, line: 0, column: 0, field: '', message });
    return undefined;
  };
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fail('is a folder, not a file; move its contents out or rename it so it does not end in .yaml');
    if (!stat.isFile()) return fail('is not a regular file (a device, socket or pipe); replace it with a YAML file');
    if (stat.size > MAX_PARSED_BYTES) return fail(`is ${stat.size} bytes, over the ${MAX_INPUT_BYTES} an input file may have; it must hold settings, not data`);
    const value = known?.(stat);
    if (value !== undefined) return { value };
    return { bytes: readFileSync(path), stat };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      return fail('is a symbolic link to a file that does not exist; fix the link or remove it');
    }
    const fix = code === 'ELOOP' ? 'make the links point at a file' : code === 'EACCES' || code === 'EPERM' ? 'fix its permissions' : 'fix it';
    return fail(`cannot be read (${fsReason(code)}); ${fix} or remove it`);
  }
}

function fsReason(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'ENOENT':
      return 'it no longer exists';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EISDIR':
      return 'a folder';
    default:
      return code ?? 'unknown reason';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
