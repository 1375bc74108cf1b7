import { App, Chart } from 'cdk8s';
import type { Environment } from './config/schema/environment.js';
import { tenantsOf, type PlatformInput } from './config/platform-input.js';
import { PlatformChart } from '../charts/platform-chart.js';
import { ArgoCdChart, type DeployedChartRef } from '../charts/argocd-chart.js';
import { environmentFlows } from './policy/flows.js';
import { NodesChart } from '../charts/nodes-chart.js';
import { InferenceChart } from '../charts/inference-chart.js';
import { WAVE } from './addons/waves.js';
import { environmentAddons, type ClusterAddon } from './addons/environment-addons.js';
import { MeshChart } from '../charts/mesh-chart.js';
import { TenantChart } from '../charts/tenant-chart.js';
import { ObservabilityChart } from '../charts/observability-chart.js';
import { GatewayChart, routedTenants } from '../charts/gateway-chart.js';
import { tenantRef } from './tenancy/tenant-ref.js';
import { tenantAppProject } from './tenancy/tenant-app-project.js';
import { tenantOwnLabels } from './lib/labels.js';
import { notifyOnFailure } from './argocd/notifications.js';
import { DataChart } from '../charts/data-chart.js';
import { DataBootstrapChart } from '../charts/data-bootstrap-chart.js';

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
 * One chart of an environment, not built yet: synth builds, checks and writes charts one at a time, so that it never
 * holds every object of a large fleet at once, and can skip a chart whose inputs did not change.
 */
export interface ChartPlan {
  /**
   * What synth builds and caches as one: unique in the environment. A chart that lists every tenant is planned as
   * several units sharing its folder (one per tenant, and one for what is common), so that a change to one tenant
   * rebuilds only that tenant's units.
   */
  readonly id: string;
  /** Folder under dist/<env>/ that the unit's objects go to. */
  readonly folder: string;
  /**
   * Set for a chart built from a few inputs only (a tenant's chart: the environment, the tenant and what is derived
   * from them): every value its output depends on besides the generator's code, which is what makes it safe to
   * reuse when they did not change. Unset for charts that read every tenant.
   */
  readonly inputs?: readonly unknown[];
  render(): ChartOutput;
}

/**
 * The charts of one environment, sorted by id. Pure: no files, no clock, no environment variables.
 *
 * Each chart gets an App of its own. cdk8s validates and resolves dependencies across the whole App on every
 * chart, so one App with thousands of tenant charts costs quadratic time; one App per chart keeps it linear.
 * Charts exchange plain typed refs, never constructs, so nothing needs them in one tree.
 */
export function planEnvironment(input: PlatformInput, env: Environment): ChartPlan[] {
  const plans: ChartPlan[] = [];
  const deployed: DeployedChartRef[] = [];
  /** Plans a chart and records where Argo CD deploys its folder. */
  const add = (id: string, build: (app: App, id: string) => Chart, deploy: Omit<DeployedChartRef, 'id'>, inputs?: readonly unknown[]) => {
    plans.push({ id, folder: id, inputs, render: () => render(id, build) });
    deployed.push({ id, ...deploy });
  };
  const platformCluster = env.clusters[0].name;
  const flows = environmentFlows(env);

  if (env.mesh.istio) add('mesh', (app, id) => new MeshChart(app, id, { env, flows }), { cluster: platformCluster, wave: WAVE.addonNamespaces, everyCluster: true });
  add('platform', (app, id) => new PlatformChart(app, id, { env, flows }), { cluster: platformCluster, wave: WAVE.platformBase, everyCluster: true });
  add('nodes', (app, id) => new NodesChart(app, id, { env }), { cluster: platformCluster, wave: WAVE.platformBase, everyCluster: true });
  add('inference', (app, id) => new InferenceChart(app, id, { env, flows }), { cluster: platformCluster, wave: WAVE.workloads });
  const refs = tenantRefsOf(input, env);
  const tenants = refs.map(({ tenant }) => tenant);
  add('observability', (app, id) => new ObservabilityChart(app, id, { env, tenants }), { cluster: platformCluster, wave: WAVE.observability });
  const tenantNames = tenants.map((t) => t.name);
  add('data', (app, id) => new DataChart(app, id, { env, tenants: tenantNames }), { cluster: platformCluster, wave: WAVE.dataSecrets });
  add('data-bootstrap', (app, id) => new DataBootstrapChart(app, id, { env, tenants }), { cluster: platformCluster, wave: WAVE.workloads });
  const addons = environmentAddons(env, refs);
  add('gateway', (app, id) => new GatewayChart(app, id, { env, tenants: refs }), { cluster: platformCluster, wave: WAVE.gateway });
  const routed = new Set(routedTenants(env, refs).map(({ tenant }) => tenant.name));
  for (const { tenant, ref } of refs) {
    const routedAgents = routed.has(tenant.name) ? tenant.routes.map((r) => r.agent) : [];
    add(
      `tenant-${tenant.name}`,
      (app, id) => new TenantChart(app, id, { tenant, env, ref, flows, routedAgents }),
      { cluster: ref.cluster.name, wave: WAVE.tenants, labels: tenantOwnLabels(tenant), annotations: notifyOnFailure(tenant.owners) },
      // Everything the chart reads besides the generator's code (ref is derived from the tenant and environment).
      [env, tenant, routedAgents],
    );
  }
  const projects = refs.map(({ tenant, ref }) => tenantAppProject(tenant, ref, env));
  const dedicatedClusters = [...new Set(refs.map(({ ref }) => ref.cluster.name).filter((c) => c !== platformCluster))].sort();

  const argocd = { env, charts: [...deployed], projects, dedicatedClusters, addons };
  plans.push({ id: 'argocd', folder: 'argocd', render: () => render('argocd', (app, id) => new ArgoCdChart(app, id, argocd)) });
  return plans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** An environment's tenants, sorted so that output never depends on the order they were handed in, with their refs. */
function tenantRefsOf(input: PlatformInput, env: Environment) {
  return [...tenantsOf(input, env)].sort((a, b) => a.name.localeCompare(b.name)).map((tenant) => ({ tenant, ref: tenantRef(tenant, env) }));
}

/** The Helm add-ons an environment installs, with the values its Argo CD Applications carry (synth checks them). */
export function plannedAddons(input: PlatformInput, env: Environment): ClusterAddon[] {
  return environmentAddons(env, tenantRefsOf(input, env));
}

/** Every chart of one environment, built: one output per folder, holding the objects of all its units. */
export function synthesizeEnvironment(input: PlatformInput, env: Environment): ChartOutput[] {
  const byFolder = new Map<string, KubeObject[]>();
  for (const plan of planEnvironment(input, env)) {
    const objects = byFolder.get(plan.folder) ?? [];
    objects.push(...plan.render().objects);
    byFolder.set(plan.folder, objects);
  }
  return [...byFolder].map(([id, objects]) => ({ id, objects }));
}

function render(id: string, build: (app: App, id: string) => Chart): ChartOutput {
  const app = new App();
  const chart = build(app, id);
  const problems = chart.node
    .findAll()
    .flatMap((c) => c.node.validate().map((msg) => `[${c.node.path}] ${msg}`));
  if (problems.length > 0) throw new Error(`chart ${chart.node.id} failed cdk8s validation:\n  ${problems.join('\n  ')}`);
  return { id: chart.node.id, objects: chart.toJson() as KubeObject[] };
}
