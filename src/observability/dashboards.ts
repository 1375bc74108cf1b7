/**
 * The platform's Grafana dashboards as code: plain dashboard JSON (schemaVersion 39), provisioned by the Grafana
 * sidecar of kube-prometheus-stack from ConfigMaps labelled grafana_dashboard=1. Every dashboard has a `tenant`
 * variable (from the tenant label kube-state-metrics copies off the namespaces); panels filter on it.
 */

/** One panel: a title, a unit and PromQL targets. */
interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly type?: 'timeseries' | 'stat' | 'bargauge';
  readonly targets: readonly { readonly expr: string; readonly legend: string }[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** The variable every dashboard has: the tenants, as the tenant label on their namespaces. */
export const TENANT_VARIABLE_QUERY = 'label_values(kube_namespace_labels{label_platform_agentic_io_tenant!=""}, label_platform_agentic_io_tenant)';

const TENANT_NS = 'namespace=~"tenant-($tenant)"';

export const DASHBOARDS: readonly DashboardSpec[] = [
  {
    uid: 'agent-overview',
    title: 'Agent Overview',
    panels: [
      { title: 'Requests per second by agent', unit: 'reqps', targets: [{ expr: `sum by (namespace, agent) (rate(agent_request_total{${TENANT_NS}}[$__rate_interval]))`, legend: '{{namespace}}/{{agent}}' }] },
      {
        title: 'P99 latency by agent',
        unit: 's',
        targets: [{ expr: `histogram_quantile(0.99, sum by (namespace, agent, le) (rate(agent_request_duration_seconds_bucket{${TENANT_NS}}[$__rate_interval])))`, legend: '{{namespace}}/{{agent}}' }],
      },
      {
        title: 'Error rate by agent',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum by (namespace, agent) (rate(agent_request_errors_total{${TENANT_NS}}[$__rate_interval])) / sum by (namespace, agent) (rate(agent_request_total{${TENANT_NS}}[$__rate_interval]))`,
            legend: '{{namespace}}/{{agent}}',
          },
        ],
      },
      { title: 'Agent pods up', unit: 'short', type: 'stat', targets: [{ expr: `sum by (namespace) (up{${TENANT_NS}})`, legend: '{{namespace}}' }] },
    ],
  },
  {
    uid: 'llm-performance',
    title: 'LLM Performance',
    panels: [
      { title: 'Tokens per second by tenant', unit: 'short', targets: [{ expr: 'sum by (tenant) (tenant:gen_ai_tokens:rate5m{tenant=~"$tenant"})', legend: '{{tenant}}' }] },
      {
        title: 'Generated tokens per second by model (vLLM)',
        unit: 'short',
        targets: [{ expr: 'sum by (model_name) (rate(vllm:generation_tokens_total[$__rate_interval]))', legend: '{{model_name}}' }],
      },
      {
        title: 'Time to first token, p95 (vLLM)',
        unit: 's',
        targets: [{ expr: 'histogram_quantile(0.95, sum by (model_name, le) (rate(vllm:time_to_first_token_seconds_bucket[$__rate_interval])))', legend: '{{model_name}}' }],
      },
      {
        title: 'End-to-end latency, p99 (vLLM and TGI)',
        unit: 's',
        targets: [
          { expr: 'histogram_quantile(0.99, sum by (model_name, le) (rate(vllm:e2e_request_latency_seconds_bucket[$__rate_interval])))', legend: '{{model_name}}' },
          { expr: 'histogram_quantile(0.99, sum by (service, le) (rate(tgi_request_duration_bucket[$__rate_interval])))', legend: '{{service}}' },
        ],
      },
      {
        title: 'Queue depth and KV cache',
        unit: 'short',
        targets: [
          { expr: 'sum by (model_name) (vllm:num_requests_waiting)', legend: 'waiting {{model_name}}' },
          { expr: 'sum by (service) (tgi_queue_size)', legend: 'waiting {{service}}' },
          { expr: 'max by (model_name) (vllm:kv_cache_usage_perc)', legend: 'KV cache {{model_name}}' },
        ],
      },
      {
        title: 'AI gateway calls by status',
        unit: 'reqps',
        targets: [{ expr: 'sum by (status) (rate(agentgateway_requests_total[$__rate_interval]))', legend: '{{status}}' }],
      },
    ],
  },
  {
    uid: 'resource-usage',
    title: 'Resource Usage',
    panels: [
      {
        title: 'GPU utilization by namespace',
        unit: 'percent',
        targets: [{ expr: `avg by (namespace) (DCGM_FI_DEV_GPU_UTIL{namespace=~"ai-inference|tenant-($tenant)"})`, legend: '{{namespace}}' }],
      },
      {
        title: 'GPU memory used by namespace',
        unit: 'decmbytes',
        targets: [{ expr: `sum by (namespace) (DCGM_FI_DEV_FB_USED{namespace=~"ai-inference|tenant-($tenant)"})`, legend: '{{namespace}}' }],
      },
      {
        title: 'Quota used (share of hard limit)',
        unit: 'percentunit',
        type: 'bargauge',
        targets: [
          {
            expr: `max by (namespace, resource) (kube_resourcequota{${TENANT_NS}, type="used"} / ignoring (type) kube_resourcequota{${TENANT_NS}, type="hard"})`,
            legend: '{{namespace}} {{resource}}',
          },
        ],
      },
      { title: 'CPU cores used', unit: 'short', targets: [{ expr: `sum by (namespace) (rate(container_cpu_usage_seconds_total{${TENANT_NS}, container!=""}[$__rate_interval]))`, legend: '{{namespace}}' }] },
      { title: 'Memory working set', unit: 'bytes', targets: [{ expr: `sum by (namespace) (container_memory_working_set_bytes{${TENANT_NS}, container!=""})`, legend: '{{namespace}}' }] },
    ],
  },
  {
    uid: 'cost-per-tenant',
    title: 'Cost per tenant',
    panels: [
      {
        title: 'Spend, last 30 days, against the monthly ceiling',
        unit: 'currencyUSD',
        type: 'bargauge',
        targets: [
          { expr: 'sum by (tenant) (tenant:cost_ceiling:monthly{tenant=~"$tenant"})', legend: 'ceiling {{tenant}}' },
          { expr: 'sum by (tenant) (tenant:cost_gpu:30d{tenant=~"$tenant"})', legend: 'GPUs {{tenant}}' },
          { expr: 'sum by (tenant) (tenant:cost_cpu_memory:30d{tenant=~"$tenant"})', legend: 'CPU and memory {{tenant}}' },
          { expr: 'sum by (tenant) (tenant:cost_shared_models:30d{tenant=~"$tenant"})', legend: 'shared models {{tenant}}' },
        ],
      },
      { title: 'GPU-hours, last 30 days', unit: 'short', type: 'stat', targets: [{ expr: 'sum by (tenant) (tenant:gpu_hours:30d{tenant=~"$tenant"})', legend: '{{tenant}}' }] },
      { title: 'Tokens, last 30 days', unit: 'short', type: 'stat', targets: [{ expr: 'sum by (tenant) (tenant:gen_ai_tokens:30d{tenant=~"$tenant"})', legend: '{{tenant}}' }] },
      { title: 'Share of the shared model servers', unit: 'percentunit', targets: [{ expr: 'tenant:model_share:ratio{tenant=~"$tenant"}', legend: '{{tenant}}' }] },
    ],
  },
];

/** Grafana dashboard JSON of one spec: panels in a two-column grid, the Prometheus datasource and tenant variables. */
export function dashboardJson(spec: DashboardSpec): Record<string, unknown> {
  return {
    uid: spec.uid,
    title: spec.title,
    tags: ['agentic-platform'],
    editable: false,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    timezone: 'utc',
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: { text: 'Prometheus', value: 'prometheus' } },
        {
          name: 'tenant',
          label: 'Tenant',
          type: 'query',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query: { query: TENANT_VARIABLE_QUERY, refId: 'tenant' },
          definition: TENANT_VARIABLE_QUERY,
          refresh: 2,
          multi: true,
          includeAll: true,
          allValue: '.+',
          sort: 1,
        },
      ],
    },
    panels: spec.panels.map((panel, i) => ({
      id: i + 1,
      type: panel.type ?? 'timeseries',
      title: panel.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      options: {},
      targets: panel.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        datasource: { type: 'prometheus', uid: '${datasource}' },
        expr: t.expr,
        legendFormat: t.legend,
      })),
    })),
  };
}
