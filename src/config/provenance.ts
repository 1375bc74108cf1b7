import type { InputError } from './input-error.js';
import type { PlatformInput } from './platform-input.js';
import type { SourcePositions } from './yaml-source.js';

/** The parsed files behind a loaded input, by environment and tenant name. */
export interface InputSources {
  readonly environments: ReadonlyMap<string, SourcePositions>;
  readonly tenants: ReadonlyMap<string, SourcePositions>;
}

/**
 * Where in the input files the object written to `distFile` (`<chart>/<Kind>.<name>.yaml`, relative to
 * dist/<env>/) comes from: the file, line and field a user edits to change it. Follows the naming conventions of
 * the charts: `tenant-<t>` folders and Argo CD objects come from tenants/<t>.yaml; NodePools, model servers and
 * quotas from their entries in the environment file; anything else from the environment file as a whole.
 * Undefined for an environment that `sources` does not hold.
 */
export function inputOrigin(input: PlatformInput, sources: InputSources, envName: string, distFile: string): InputError | undefined {
  const envSource = sources.environments.get(envName);
  const env = input.environments.find((e) => e.name === envName);
  if (!envSource || !env) return undefined;
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
export function locateOutputProblem(
  loaded: { readonly input: PlatformInput; readonly sources: InputSources },
  envName: string,
  problem: string,
): string {
  const distFile = problem.slice(0, problem.indexOf(': '));
  const origin = inputOrigin(loaded.input, loaded.sources, envName, distFile);
  const where = `dist/${envName}/${problem}`;
  if (!origin) return where;
  return `${origin.file}:${origin.line}:${origin.column}${origin.field ? ` ${origin.field}` : ''}: produces ${where}`;
}
