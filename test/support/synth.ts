import { synthesizeEnvironment, type ChartOutput, type KubeObject } from '../../src/app.js';
import { loadInput } from '../../src/config/load.js';
import type { PlatformInput } from '../../src/config/platform-input.js';
import { FIXTURE, REPO } from './repo.js';

/**
 * Two sources of input. The fixture (test/fixtures/platform) belongs to the tests: they may assert its names and
 * values. The repository's own environments/ and tenants/ belong to the users: tests only check invariants over
 * them (isolation, schedulability, validity), never their counts, names or values, so adding a tenant breaks nothing.
 */
const cache = new Map<string, PlatformInput>();
function inputOf(root: string): PlatformInput {
  if (!cache.has(root)) cache.set(root, loadInput(root));
  return cache.get(root)!;
}

/** The tests' own example platform. */
export const fixtureInput = () => inputOf(FIXTURE);
/** The repository's environments/ and tenants/: for invariants only. */
export const repoInput = () => inputOf(REPO);

export interface SynthesizedEnvironment {
  /** "fixture" or "repo": which input it came from. */
  readonly source: 'fixture' | 'repo';
  readonly env: string;
  readonly charts: ChartOutput[];
}

function environmentsOf(source: 'fixture' | 'repo'): SynthesizedEnvironment[] {
  const input = source === 'fixture' ? fixtureInput() : repoInput();
  return input.environments.map((env) => ({ source, env: env.name, charts: synthesizeEnvironment(input, env) }));
}

/** Every environment of the fixture, synthesized in memory. */
export const fixtureEnvironments = () => environmentsOf('fixture');
/** Every environment of the repository's own inputs, synthesized in memory: for invariants only. */
export const repoEnvironments = () => environmentsOf('repo');
/** Both: what an invariant must hold for. */
export const everyEnvironment = () => [...fixtureEnvironments(), ...repoEnvironments()];

export function objectsOf(charts: readonly ChartOutput[], chartId?: string): KubeObject[] {
  return charts.filter((c) => chartId === undefined || c.id === chartId).flatMap((c) => c.objects);
}

export function ofKind<T = KubeObject>(objects: readonly KubeObject[], kind: string): (KubeObject & T)[] {
  return objects.filter((o) => o.kind === kind) as (KubeObject & T)[];
}

export function named(objects: readonly KubeObject[], kind: string, name: string, namespace?: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (!found) throw new Error(`no ${kind} ${namespace ? `${namespace}/` : ''}${name}`);
  return found;
}
