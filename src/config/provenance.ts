import type { InputError } from './input-error.js';
import type { PlatformInput } from './platform-input.js';
import type { YamlSource } from './yaml-source.js';

/** The parsed files behind a loaded input, by environment and tenant name. */
export interface InputSources {
  readonly environments: ReadonlyMap<string, YamlSource>;
  readonly tenants: ReadonlyMap<string, YamlSource>;
}

const SOURCES = new WeakMap<PlatformInput, InputSources>();

/** Called by the loader: remembers which files `input` was read from. */
export function recordSources(input: PlatformInput, sources: InputSources): void {
  SOURCES.set(input, sources);
}

/**
 * Where in the input files the object written to `distFile` (`<chart>/<Kind>.<name>.yaml`, relative to
 * dist/<env>/) comes from: the file, line and field a user edits to change it. Follows the naming conventions of
 * the charts: `tenant-<t>` folders and Argo CD objects come from tenants/<t>.yaml; NodePools, model servers and
 * quotas from their entries in the environment file; anything else from the environment file as a whole.
 * Undefined when `input` was not loaded from files.
 */
export function inputOrigin(input: PlatformInput, envName: string, distFile: string): InputError | undefined {
  const sources = SOURCES.get(input);
  const envSource = sources?.environments.get(envName);
  const env = input.environments.find((e) => e.name === envName);
  if (!sources || !envSource || !env) return undefined;
  const m = /^([^/]+)\/([A-Za-z0-9]+)\.(.+)\.yaml$/.exec(distFile);
  if (!m) return envSource.errorAt(['name'], '');
  const [, chart, kind, name] = m;
  const tenantName = /^tenant-(.+)$/.exec(chart === 'argocd' ? name : chart)?.[1];
  const tenant = tenantName === undefined ? undefined : sources.tenants.get(tenantName);
  if (tenant) {
    if (kind === 'LimitRange') return envSource.errorAt(['containerDefaults'], '');
    const field = { ResourceQuota: ['quota'], NodePool: ['isolation'], RoleBinding: ['groups'], NetworkPolicy: ['models'] }[kind];
    return tenant.errorAt(field ?? ['name'], '');
  }
  if (kind === 'NodePool') {
    const i = env.gpuPools.findIndex((p) => p.name === name);
    if (i >= 0) return envSource.errorAt(['gpuPools', i], '');
  }
  if (chart === 'inference') {
    for (const [i, model] of env.models.entries()) {
      if (name === `${model.name}-canary` && model.canary) return envSource.errorAt(['models', i, 'canary'], '');
      if (name === model.name || name === `${model.name}-cache`) return envSource.errorAt(['models', i], '');
    }
  }
  if (kind === 'ResourceQuota' || kind === 'LimitRange') {
    const namespace = name.replace(/-(quota|limits)$/, '');
    return kind === 'LimitRange' ? envSource.errorAt(['containerDefaults'], '') : envSource.errorAt(['quotas', namespace], '');
  }
  if (kind === 'EC2NodeClass') return envSource.errorAt(['nodes'], '');
  if (chart === 'argocd') return envSource.errorAt(['argocd'], '');
  return envSource.errorAt(['name'], '');
}

/**
 * An output problem (`<chart>/<Kind>.<name>.yaml: message`, as the output checks of dist/<env>/ report it) prefixed
 * with the input location that produced the object, so the user knows which file and line to change.
 */
export function locateOutputProblem(input: PlatformInput, envName: string, problem: string): string {
  const distFile = problem.slice(0, problem.indexOf(': '));
  const origin = inputOrigin(input, envName, distFile);
  const where = `dist/${envName}/${problem}`;
  if (!origin) return where;
  return `${origin.file}:${origin.line}:${origin.column}${origin.field ? ` ${origin.field}` : ''}: produces ${where}`;
}
