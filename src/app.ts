import type { App, Chart } from 'cdk8s';
import type { Environment } from './config/schema/environment.js';
import { tenantsOf, type PlatformInput } from './config/platform-input.js';
import { PlatformChart } from '../charts/platform-chart.js';
import type { DeployedChartRef } from '../charts/argocd-chart.js';
import { environmentFlows } from './policy/flows.js';
import { NodesChart } from '../charts/nodes-chart.js';
import { InferenceChart } from '../charts/inference-chart.js';
import { WAVE } from './addons/waves.js';
import { addonTenants, environmentAddons, type ClusterAddon } from './addons/environment-addons.js';
import { MeshChart } from '../charts/mesh-chart.js';
import { TenantChart } from '../charts/tenant-chart.js';
import { routedTenants } from '../charts/gateway-chart.js';
import { tenantRef } from './tenancy/tenant-ref.js';
import { keyedUnit, renderChart } from './plan/chart-unit.js';
import { argocdUnits, dataBootstrapUnits, dataUnits, gatewayUnits, observabilityUnits } from './plan/tenant-folder-units.js';

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
   * Every value the unit's output depends on besides the generator's code, which is what makes it safe to reuse
   * when they did not change: for a tenant's unit the environment, the tenant and what is derived from them; for
   * the common unit of a folder that lists every tenant, the environment and a view with only the tenant fields it
   * reads (see keyedUnit). Unset for a unit that is built on every run.
   */
  readonly inputs?: readonly unknown[];
  /**
   * Frozen values that `inputs` are computed from by the generator's code alone (for a tenant's unit of a shared
   * folder: the environment and the tenant). When their digest is the one the cache recorded, so are the inputs, and
   * the recorded key is taken without computing them: a few kilobytes of JSON per unit, thousands of units a run.
   */
  readonly source?: readonly unknown[];
  render(): ChartOutput;
}

/**
 * The charts of one environment, as units sorted by id. Pure: no files, no clock, no environment variables.
 *
 * Each unit gets an App of its own. cdk8s validates and resolves dependencies across the whole App on every
 * chart, so one App with thousands of tenant charts costs quadratic time; one App per chart keeps it linear.
 * Charts exchange plain typed refs, never constructs, so nothing needs them in one tree.
 */
export function planEnvironment(input: PlatformInput, env: Environment): ChartPlan[] {
  const plans: ChartPlan[] = [];
  const deployed: DeployedChartRef[] = [];
  /**
   * Plans a layer chart that reads no tenant (only the environment: what it derives from it, such as the network
   * flows, it derives inside `build`), and records where Argo CD deploys its folder.
   */
  const add = (id: string, build: (app: App, id: string, env: Environment) => Chart, deploy: Omit<DeployedChartRef, 'id'>) => {
    plans.push(keyedUnit(id, id, build, env));
    deployed.push({ id, ...deploy });
  };
  /** Plans the units of a folder that lists every tenant, and records where Argo CD deploys the folder. */
  const addFolder = (id: string, units: ChartPlan[], deploy: Omit<DeployedChartRef, 'id'>) => {
    plans.push(...units);
    deployed.push({ id, ...deploy });
  };
  const platformCluster = env.clusters[0].name;
  const flows = environmentFlows(env);

  if (env.mesh.istio) add('mesh', buildMesh, { cluster: platformCluster, wave: WAVE.addonNamespaces, everyCluster: true });
  add('platform', buildPlatform, { cluster: platformCluster, wave: WAVE.platformBase, everyCluster: true });
  add('nodes', buildNodes, { cluster: platformCluster, wave: WAVE.platformBase, everyCluster: true });
  add('inference', buildInference, { cluster: platformCluster, wave: WAVE.workloads });
  const refs = tenantRefsOf(input, env);
  addFolder('observability', observabilityUnits(env, refs), { cluster: platformCluster, wave: WAVE.observability });
  addFolder('data', dataUnits(env, refs), { cluster: platformCluster, wave: WAVE.dataSecrets });
  addFolder('data-bootstrap', dataBootstrapUnits(env, refs), { cluster: platformCluster, wave: WAVE.workloads });
  addFolder('gateway', gatewayUnits(env, refs), { cluster: platformCluster, wave: WAVE.gateway });
  const routed = new Set(routedTenants(env, refs).map(({ tenant }) => tenant.name));
  for (const { tenant, ref } of refs) {
    const id = `tenant-${tenant.name}`;
    const routedAgents = routed.has(tenant.name) ? tenant.routes.map((r) => r.agent) : [];
    // Everything the chart reads besides the generator's code (ref is derived from the tenant and environment).
    const inputs = [env, tenant, routedAgents];
    plans.push({ id, folder: id, inputs, render: () => renderChart(id, (app, chartId) => new TenantChart(app, chartId, { tenant, env, ref, flows, routedAgents })) });
  }
  // Tenant folders are deployed by their own argocd units (tenantFolderRef).
  plans.push(...argocdUnits(env, deployed, refs));
  return plans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// The layer charts, as keyedUnit builders: module-level, so that they see nothing but the environment they are given.
const buildMesh = (app: App, id: string, env: Environment) => new MeshChart(app, id, { env, flows: environmentFlows(env) });
const buildPlatform = (app: App, id: string, env: Environment) => new PlatformChart(app, id, { env, flows: environmentFlows(env) });
const buildNodes = (app: App, id: string, env: Environment) => new NodesChart(app, id, { env });
const buildInference = (app: App, id: string, env: Environment) => new InferenceChart(app, id, { env, flows: environmentFlows(env) });

/** An environment's tenants, sorted so that output never depends on the order they were handed in, with their refs. */
function tenantRefsOf(input: PlatformInput, env: Environment) {
  return [...tenantsOf(input, env)].sort((a, b) => a.name.localeCompare(b.name)).map((tenant) => ({ tenant, ref: tenantRef(tenant, env) }));
}

/** The Helm add-ons an environment installs, with the values its Argo CD Applications carry (synth checks them). */
export function plannedAddons(input: PlatformInput, env: Environment): ClusterAddon[] {
  return environmentAddons(env, addonTenants(tenantRefsOf(input, env)));
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
