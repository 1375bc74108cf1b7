import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { Environment } from '../src/config/schema/environment.js';
import { commonLabels } from '../src/lib/labels.js';
import { PLATFORM_NAMESPACE as NS } from '../src/lib/names.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../src/lib/argocd-annotations.js';
import type { TenantCostView } from '../src/observability/tenant-cost-view.js';
import { DASHBOARDS, dashboardJson } from '../src/observability/dashboards.js';
import { platformAlertGroups, runbookUrl, tenantCostGroups, type RuleGroup } from '../src/observability/rules.js';
import { PLATFORM_MONITORS, MonitorSet } from '../src/observability/monitors.js';

export interface ObservabilityChartProps {
  readonly env: Environment;
  /** The tenants' cost ceilings and token budgets, which become rules: all this chart reads of the tenants. */
  readonly tenantCost: TenantCostView;
}

/** Label the Grafana sidecar provisions dashboards from. */
export const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';

/**
 * Observability layer, in the observability namespace: the platform's alerting and recording rules, the Grafana
 * dashboards as ConfigMaps for the sidecar, and the monitors of components whose charts bring none (Argo CD,
 * Milvus, Valkey, agents). Prometheus, Grafana, the collector and Langfuse are add-ons (src/addons/observability-addons.ts).
 */
export class ObservabilityChart extends Chart {
  constructor(scope: Construct, id: string, props: ObservabilityChartProps) {
    super(scope, id, { namespace: NS.observability, labels: commonLabels('observability', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    const runbook = (alert: string) => runbookUrl(env.argocd.repoURL, env.argocd.targetRevision, alert);
    new ApiObject(this, 'platform-alerts', prometheusRule('platform-alerts', platformAlertGroups(), runbook));
    new ApiObject(this, 'tenant-cost', prometheusRule('tenant-cost', tenantCostGroups(props.tenantCost), runbook));
    for (const dashboard of DASHBOARDS) {
      new ApiObject(this, `dashboard-${dashboard.uid}`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `dashboard-${dashboard.uid}`, namespace: NS.observability, labels: { [GRAFANA_DASHBOARD_LABEL]: '1' } },
        // One line: the manifest reader's fast path reads no block scalars.
        data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboardJson(dashboard)) },
      });
    }
    new MonitorSet(this, 'monitors', { monitors: PLATFORM_MONITORS });
  }
}

/** A PrometheusRule of rule groups; every alert gets its severity and a runbook_url annotation. */
function prometheusRule(name: string, groups: readonly RuleGroup[], runbook: (alert: string) => string): IPrometheusRule {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, namespace: NS.observability, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
    spec: {
      groups: groups.map((g) => ({
        name: g.name,
        rules: [
          ...(g.records ?? []).map((r) => ({ record: r.record, expr: r.expr, ...(r.labels ? { labels: { ...r.labels } } : {}) })),
          ...(g.alerts ?? []).map((a) => ({
            alert: a.alert,
            expr: a.expr,
            for: a.for,
            labels: { severity: a.severity, ...a.labels },
            annotations: { summary: a.summary, description: a.description, runbook_url: runbook(a.alert) },
          })),
        ],
      })),
    },
  };
}
