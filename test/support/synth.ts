import { synthesizeEnvironment, type ChartOutput, type KubeObject } from '../../src/app.js';
import { loadInput } from '../../src/config/load.js';
import type { PlatformInput } from '../../src/config/platform-input.js';
import { REPO } from './repo.js';

/** The repository's own inputs, loaded once per test file. */
let cached: PlatformInput | undefined;
export function repoInput(): PlatformInput {
  cached ??= loadInput(REPO);
  return cached;
}

/** Every chart of every example environment, synthesized in memory. */
export function allEnvironments(): { env: string; charts: ChartOutput[] }[] {
  const input = repoInput();
  return input.environments.map((env) => ({ env: env.name, charts: synthesizeEnvironment(input, env) }));
}

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
