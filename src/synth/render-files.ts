import { Yaml } from 'cdk8s';
import type { ChartOutput } from '../app.js';

/** dist/<env>/<chart>/<Kind>.<name>.yaml: one object per file, so a review diff shows exactly what changed. */
export function fileNameOf(obj: { kind: string; metadata: { name: string } }): string {
  return `${obj.kind}.${obj.metadata.name}.yaml`;
}

/**
 * Renders charts to files, keyed by path relative to the environment folder, in sorted order.
 * Two objects of one chart that would share a file are a bug in a chart, reported as such.
 */
export function renderFiles(outputs: readonly ChartOutput[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const chart of outputs) {
    for (const obj of chart.objects) {
      const path = `${chart.id}/${fileNameOf(obj)}`;
      if (files.has(path)) {
        throw new Error(`internal: two objects of chart "${chart.id}" map to ${path}; give them distinct names`);
      }
      // cdk8s writes YAML 1.1-safe scalars (quotes "on", "no", ...), which is what the API server's parser reads.
      files.set(path, Yaml.stringify(obj));
    }
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
