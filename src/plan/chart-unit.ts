import { App, type Chart } from 'cdk8s';
import type { ChartOutput, ChartPlan, KubeObject } from '../app.js';

/**
 * Builds one chart in an App of its own and returns its objects, after cdk8s validation. The chart is named after
 * its folder: several units of one folder build charts of the same name, as one chart of that folder would be.
 */
export function renderChart(folder: string, build: (app: App, id: string) => Chart): ChartOutput {
  const app = new App();
  const chart = build(app, folder);
  const problems = chart.node
    .findAll()
    .flatMap((c) => c.node.validate().map((msg) => `[${c.node.path}] ${msg}`));
  if (problems.length > 0) throw new Error(`chart ${chart.node.id} failed cdk8s validation:\n  ${problems.join('\n  ')}`);
  return { id: chart.node.id, objects: chart.toJson() as KubeObject[] };
}

/**
 * A unit whose key is complete by construction: `build` gets its values only as arguments, and those arguments are
 * exactly the unit's `inputs`. Pass a module-level function (no closure over the planner's locals), so that nothing
 * outside `inputs` can reach the chart; the cache then may reuse the unit whenever the inputs hash the same.
 */
export function keyedUnit<const I extends readonly unknown[]>(
  id: string,
  folder: string,
  build: (app: App, id: string, ...inputs: I) => Chart,
  ...inputs: I
): ChartPlan {
  return { id, folder, inputs, render: () => renderChart(folder, (app, chartId) => build(app, chartId, ...inputs)) };
}

/** Id of the unit of `folder` that holds one tenant's objects: `<folder>/tenant-<name>`. */
export function tenantUnitId(folder: string, tenant: string): string {
  return `${folder}/tenant-${tenant}`;
}

/**
 * A keyedUnit whose inputs are computed, only when needed, from `source`: frozen values from which `inputsOf` derives
 * them by the generator's code alone (see ChartPlan.source). `inputsOf` must be a module-level function too.
 */
export function derivedUnit<const S extends readonly unknown[], const I extends readonly unknown[]>(
  id: string,
  folder: string,
  build: (app: App, id: string, ...inputs: I) => Chart,
  inputsOf: (...source: S) => I,
  ...source: S
): ChartPlan {
  let inputs: I | undefined;
  const computed = () => (inputs ??= inputsOf(...source));
  return {
    id,
    folder,
    source,
    get inputs() {
      return computed();
    },
    render: () => renderChart(folder, (app, chartId) => build(app, chartId, ...computed())),
  };
}
