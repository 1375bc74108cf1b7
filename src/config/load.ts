import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crossChecks, type Loaded } from './cross-checks.js';
import { checkCapacity } from '../policy/capacity.js';
import { InputErrors, sortInputErrors, type InputError } from './input-error.js';
import type { PlatformInput } from './platform-input.js';
import { SchemaCheck } from './schema-check.js';
import { Environment } from './schema/environment.js';
import { Tenant } from './schema/tenant.js';
import { YamlSource } from './yaml-source.js';

/**
 * Reads `environments/*.yaml` and `tenants/*.yaml` under `root`: the only code that touches input files.
 * Throws `InputErrors` with every problem of every file when anything is wrong.
 */
export function loadInput(root: string): PlatformInput {
  const errors: InputError[] = [];
  const envFiles = new Set<string>();
  const tenantFiles = new Set<string>();
  const environments = loadDir<Environment>(root, 'environments', new SchemaCheck<Environment>(Environment), errors, envFiles);
  const tenants = loadDir<Tenant>(root, 'tenants', new SchemaCheck<Tenant>(Tenant), errors, tenantFiles);
  if (environments.length === 0 && !errors.some((e) => e.file.startsWith('environments'))) {
    errors.push({ file: 'environments/', line: 0, column: 0, field: '', message: 'no environment files; add environments/<env>.yaml' });
  }
  // Cross-file checks run over every file that passed its schema, so one run reports everything it can.
  errors.push(...crossChecks(environments, tenants, tenantFiles, envFiles));
  // Capacity sums over all tenants of an environment: only meaningful once every file is individually right.
  if (errors.length === 0) {
    for (const env of environments) {
      const deployed = tenants.filter((t) => t.value.environments.includes(env.value.name)).map((t) => t.value);
      for (const p of checkCapacity(env.value, deployed)) errors.push(env.source.errorAt(['capacity'], p.message));
    }
  }
  if (errors.length > 0) throw new InputErrors(sortInputErrors(errors));
  return deepFreeze({
    environments: environments.map((e) => e.value),
    tenants: tenants.map((t) => t.value),
  });
}

function loadDir<T>(root: string, dir: string, check: SchemaCheck<T>, errors: InputError[], stems: Set<string>): Loaded<T>[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const loaded: Loaded<T>[] = [];
  // Sorted, so that the result never depends on the order the file system lists files in.
  const names = readdirSync(full).sort();
  for (const name of names) {
    const file = `${dir}/${name}`;
    if (name.endsWith('.yml')) {
      errors.push({ file, line: 0, column: 0, field: '', message: `rename to ${name.replace(/\.yml$/, '.yaml')}; only .yaml files are read` });
      continue;
    }
    if (!name.endsWith('.yaml')) continue;
    stems.add(basename(name, '.yaml'));
    const { source, errors: syntax } = YamlSource.parse(file, readFileSync(join(full, name), 'utf8'));
    if (syntax.length > 0) {
      errors.push(...syntax);
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
      errors.push({ file, line: 1, column: 1, field: '', message: 'must be a YAML mapping (key: value lines); see the examples in this folder' });
      continue;
    }
    const { value, errors: schemaErrors } = check.check(source, data);
    if (value === undefined) errors.push(...schemaErrors);
    else loaded.push({ stem: basename(name, '.yaml'), source, value });
  }
  return loaded;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
