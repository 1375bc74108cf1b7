import { App, Chart } from 'cdk8s';
import type { Environment } from './config/schema/environment.js';
import { tenantsOf, type PlatformInput } from './config/platform-input.js';
import { PlatformChart } from '../charts/platform-chart.js';
import { ArgoCdChart, type DeployedChartRef } from '../charts/argocd-chart.js';
import { environmentFlows } from './policy/flows.js';
import { NodesChart } from '../charts/nodes-chart.js';
import { InferenceChart } from '../charts/inference-chart.js';
import { WAVE } from './addons/waves.js';
import { environmentAddons } from './addons/environment-addons.js';
import { MeshChart } from '../charts/mesh-chart.js';
import { TenantChart } from '../charts/tenant-chart.js';
import { tenantRef } from './tenancy/tenant-ref.js';
import { tenantAppProject } from './tenancy/tenant-app-project.js';
import { tenantOwnLabels } from './lib/labels.js';

/** A Kubernetes object as synthesized: plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [key: string]: unknown;
}

/** One chart's synthesized objects; `id` is its folder under dist/<env>/. */
export interface ChartOutput {
  readonly id: string;
  readonly objects: readonly KubeObject[];
}

/**
 * Builds every chart of one environment. Pure: no files, no clock, no environment variables.
 *
 * Each chart gets an App of its own. cdk8s validates and resolves dependencies across the whole App on every
 * chart, so one App with thousands of tenant charts costs quadratic time; one App per chart keeps it linear.
 * Charts exchange plain typed refs, never constructs, so nothing needs them in one tree.
 */
export function synthesizeEnvironment(input: PlatformInput, env: Environment): ChartOutput[] {
  const outputs: ChartOutput[] = [];
  const deployed: DeployedChartRef[] = [];
  /** Renders a chart and records where Argo CD deploys its folder. */
  const add = (build: (app: App) => Chart, deploy: Omit<DeployedChartRef, 'id'>) => {
    const output = render(build);
    outputs.push(output);
    deployed.push({ id: output.id, ...deploy });
  };
  const platformCluster = env.clusters[0].name;
  const flows = environmentFlows(env);

  if (env.mesh.istio) add((app) => new MeshChart(app, 'mesh', { env, flows }), { cluster: platformCluster, wave: WAVE.addonNamespaces, everyCluster: true });
  add((app) => new PlatformChart(app, 'platform', { env, flows }), { cluster: platformCluster, wave: WAVE.platformBase, everyCluster: true });
  add((app) => new NodesChart(app, 'nodes', { env }), { cluster: platformCluster, wave: WAVE.platformBase, everyCluster: true });
  add((app) => new InferenceChart(app, 'inference', { env, flows }), { cluster: platformCluster, wave: WAVE.workloads });
  const addons = environmentAddons(env);

  // Sorted here too, so that output never depends on the order tenants were handed in.
  const tenants = [...tenantsOf(input, env)].sort((a, b) => a.name.localeCompare(b.name));
  const refs = tenants.map((tenant) => ({ tenant, ref: tenantRef(tenant, env) }));
  for (const { tenant, ref } of refs) {
    add((app) => new TenantChart(app, `tenant-${tenant.name}`, { tenant, env, ref, flows }), {
      cluster: ref.cluster.name,
      wave: WAVE.tenants,
      labels: tenantOwnLabels(tenant),
    });
  }
  const projects = refs.map(({ tenant, ref }) => tenantAppProject(tenant, ref, env));
  const dedicatedClusters = [...new Set(refs.map(({ ref }) => ref.cluster.name).filter((c) => c !== platformCluster))].sort();

  outputs.push(render((app) => new ArgoCdChart(app, 'argocd', { env, charts: deployed, projects, dedicatedClusters, addons })));
  return outputs.sort((a, b) => a.id.localeCompare(b.id));
}

function render(build: (app: App) => Chart): ChartOutput {
  const app = new App();
  const chart = build(app);
  const problems = chart.node
    .findAll()
    .flatMap((c) => c.node.validate().map((msg) => `[${c.node.path}] ${msg}`));
  if (problems.length > 0) throw new Error(`chart ${chart.node.id} failed cdk8s validation:\n  ${problems.join('\n  ')}`);
  return { id: chart.node.id, objects: chart.toJson() as KubeObject[] };
}
