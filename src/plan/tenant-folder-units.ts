/**
 * The units of the folders that list every tenant (argocd, gateway, data, data-bootstrap, observability): per tenant
 * a unit with that tenant's objects, and per folder one unit with what aggregates over the tenants. Each unit's key is
 * complete by construction (see keyedUnit): its builder below is a module-level function that receives exactly the
 * unit's inputs; the common units receive a view with only the tenant fields they read, so that an edit of one tenant
 * rebuilds that tenant's units and only the common units whose view it changes.
 */
import type { App } from 'cdk8s';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { ChartPlan } from '../app.js';
import type { Environment } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import type { TenantRef } from '../tenancy/tenant-ref.js';
import { argoCdSite, ArgoCdChart, ArgoCdTenantChart, type ArgoCdSite, type DeployedChartRef } from '../../charts/argocd-chart.js';
import { secretsRoot } from '../data/layout.js';
import { DataBootstrapChart } from '../../charts/data-bootstrap-chart.js';
import { DataChart, DataTenantChart } from '../../charts/data-chart.js';
import { GatewayChart, GatewayTenantChart, gatewayTenantsView, tenantAgentRoutes, type GatewayTenantsView } from '../../charts/gateway-chart.js';
import { ObservabilityChart } from '../../charts/observability-chart.js';
import { addonTenants, environmentAddons, type AddonTenant } from '../addons/environment-addons.js';
import { bootstrapTenants, type BootstrapTenant } from '../data/milvus-bootstrap.js';
import type { TenantAgentRoutesProps } from '../constructs/tenant-agent-routes.js';
import { tenantCostView, type TenantCostView } from '../observability/tenant-cost-view.js';
import { tenantAppProject } from '../tenancy/tenant-app-project.js';
import { tenantOwnLabels } from '../lib/labels.js';
import { notifyOnFailure } from '../argocd/notifications.js';
import { WAVE } from '../addons/waves.js';
import { derivedUnit, keyedUnit, tenantUnitId } from './chart-unit.js';
import { tenantRef } from '../tenancy/tenant-ref.js';

/** An environment's tenants with their refs, sorted by name. */
export type TenantsWithRefs = readonly { readonly tenant: Tenant; readonly ref: TenantRef }[];

// Builders: module-level, so that a chart sees nothing but the unit's inputs. A tenant's units get only the few
// values they read of the environment, not all of it: thousands of them are keyed on every run.
const observability = (app: App, id: string, env: Environment, tenantCost: TenantCostView) => new ObservabilityChart(app, id, { env, tenantCost });
const data = (app: App, id: string, env: Environment, tenants: readonly string[]) => new DataChart(app, id, { env, tenants });
const dataTenant = (app: App, id: string, envName: string, secretsRoot: string, tenant: string) => new DataTenantChart(app, id, { envName, secretsRoot, tenant });
const dataBootstrap = (app: App, id: string, env: Environment, tenants: readonly BootstrapTenant[]) => new DataBootstrapChart(app, id, { env, tenants });
const gateway = (app: App, id: string, env: Environment, tenants: GatewayTenantsView) => new GatewayChart(app, id, { env, tenants });
const gatewayTenant = (app: App, id: string, envName: string, routes: TenantAgentRoutesProps) => new GatewayTenantChart(app, id, { envName, routes });
const argocdTenant = (app: App, id: string, site: ArgoCdSite, server: string, project: IAppProject, folder: DeployedChartRef) =>
  new ArgoCdTenantChart(app, id, { site, server, project, folder });
const argocd = (app: App, id: string, env: Environment, charts: readonly DeployedChartRef[], dedicatedClusters: readonly string[], tenants: readonly AddonTenant[]) =>
  new ArgoCdChart(app, id, { env, charts, dedicatedClusters, addons: environmentAddons(env, tenants) });

/** What a tenant's argocd unit reads, all of it derived from the environment and the tenant. */
const argocdTenantInputs = (env: Environment, tenant: Tenant) => {
  const ref = tenantRef(tenant, env);
  return [argoCdSite(env), ref.cluster.server, tenantAppProject(tenant, ref, env), tenantFolderRef(tenant, ref)] as const;
};

/** observability: its tenant-cost rules read each tenant's ceiling and token budget. */
export function observabilityUnits(env: Environment, tenants: TenantsWithRefs): ChartPlan[] {
  return [keyedUnit('observability', 'observability', observability, env, tenantCostView(env, tenants.map(({ tenant }) => tenant)))];
}

/** data: the shared Secrets and IAM read the tenants' names; each tenant's AI gateway credential is its own unit. */
export function dataUnits(env: Environment, tenants: TenantsWithRefs): ChartPlan[] {
  const names = tenants.map(({ tenant }) => tenant.name);
  const root = secretsRoot(env);
  return [keyedUnit('data', 'data', data, env, names), ...names.map((name) => keyedUnit(tenantUnitId('data', name), 'data', dataTenant, env.name, root, name))];
}

/** data-bootstrap: one script over every tenant's database and knowledge bases, so a common unit only. */
export function dataBootstrapUnits(env: Environment, tenants: TenantsWithRefs): ChartPlan[] {
  return [keyedUnit('data-bootstrap', 'data-bootstrap', dataBootstrap, env, bootstrapTenants(tenants.map(({ tenant }) => tenant)))];
}

/** gateway: token limits and model callers are shared; each routed tenant's routes are its own unit. */
export function gatewayUnits(env: Environment, tenants: TenantsWithRefs): ChartPlan[] {
  const perTenant = tenants.flatMap(({ tenant, ref }) => {
    const routes = tenantAgentRoutes(env, tenant, ref);
    return routes ? [keyedUnit(tenantUnitId('gateway', tenant.name), 'gateway', gatewayTenant, env.name, routes)] : [];
  });
  return [keyedUnit('gateway', 'gateway', gateway, env, gatewayTenantsView(env, tenants)), ...perTenant];
}

/** Where Argo CD deploys a tenant's chart folder, `tenant-<name>`: its cluster, with the tenant's labels and owners. */
export function tenantFolderRef(tenant: Tenant, ref: TenantRef): DeployedChartRef {
  return { id: `tenant-${tenant.name}`, cluster: ref.cluster.name, wave: WAVE.tenants, labels: tenantOwnLabels(tenant), annotations: notifyOnFailure(tenant.owners) };
}

/**
 * argocd: each tenant's AppProject and the Application of its folder are its own unit; the platform project and
 * the Applications of the other folders and of the add-ons (whose Helm values list tenants) are the common unit.
 */
export function argocdUnits(
  env: Environment,
  /** The folders deployed besides argocd and the tenants'. */
  charts: readonly DeployedChartRef[],
  tenants: TenantsWithRefs,
): ChartPlan[] {
  const platformCluster = env.clusters[0].name;
  const dedicatedClusters = [...new Set(tenants.map(({ ref }) => ref.cluster.name).filter((c) => c !== platformCluster))].sort();
  return [
    keyedUnit('argocd', 'argocd', argocd, env, charts, dedicatedClusters, addonTenants(tenants)),
    ...tenants.map(({ tenant }) => derivedUnit(tenantUnitId('argocd', tenant.name), 'argocd', argocdTenant, argocdTenantInputs, env, tenant)),
  ];
}
