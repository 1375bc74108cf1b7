import type { UnitPrices } from './cost.js';
import type { TenantCostView } from './tenant-cost-view.js';

/** One alerting rule; `threshold` and `for` are also data, so tests compare them with the design. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly summary: string;
  readonly description: string;
  /** What the expression compares against (the number after its last comparison). */
  readonly threshold: number;
  /** Labels added to the alert besides severity. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  readonly name: string;
  readonly alerts?: readonly AlertRule[];
  readonly records?: readonly RecordingRule[];
}

/** The runbook of an alert: its section of docs/runbooks.md in this repository, at the revision Argo CD syncs. */
export function runbookUrl(repoURL: string, revision: string, alert: string): string {
  return `${repoURL.replace(/\.git$/, '')}/blob/${revision}/docs/runbooks.md#${alert.toLowerCase()}`;
}

/** The design's agent alert thresholds (architecture.md, "Prometheus alert rules"). */
export const DESIGN_AGENT_ALERTS = {
  /** AgentHighLatency: p99 above 10 s, for 5 minutes. */
  latencyP99Seconds: 10,
  /** AgentHighErrorRate: more than 5 % of requests fail, for 5 minutes. */
  errorRatio: 0.05,
  for: '5m',
} as const;

/** Tenant namespaces as a PromQL label regex. */
const TENANT_NS = 'namespace=~"tenant-.+"';

/** The platform's alerts, by component. */
export function platformAlertGroups(): RuleGroup[] {
  const d = DESIGN_AGENT_ALERTS;
  return [
    {
      name: 'agents',
      alerts: [
        {
          alert: 'AgentHighLatency',
          expr: `histogram_quantile(0.99, sum by (namespace, agent, le) (rate(agent_request_duration_seconds_bucket[5m]))) > ${d.latencyP99Seconds}`,
          for: d.for,
          severity: 'warning',
          summary: 'Agent {{ $labels.namespace }}/{{ $labels.agent }} responds slowly',
          description: `P99 latency exceeded ${d.latencyP99Seconds} seconds: {{ $value | humanizeDuration }}.`,
          threshold: d.latencyP99Seconds,
        },
        {
          alert: 'AgentHighErrorRate',
          expr:
            'sum by (namespace, agent) (rate(agent_request_errors_total[5m])) / ' +
            `sum by (namespace, agent) (rate(agent_request_total[5m])) > ${d.errorRatio}`,
          for: d.for,
          severity: 'critical',
          summary: 'Agent {{ $labels.namespace }}/{{ $labels.agent }} fails requests',
          description: `Error rate exceeded ${d.errorRatio * 100}%: {{ $value | humanizePercentage }}.`,
          threshold: d.errorRatio,
        },
      ],
    },
    {
      name: 'gpus',
      alerts: [
        {
          alert: 'GpuUtilizationSaturated',
          expr: 'avg by (Hostname, gpu) (avg_over_time(DCGM_FI_DEV_GPU_UTIL[15m])) > 95',
          for: '30m',
          severity: 'warning',
          summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} is saturated',
          description: 'Utilization above 95% for 30 minutes: autoscaling is at its limit or a pool is too small.',
          threshold: 95,
        },
        {
          alert: 'GpuMemoryNearlyFull',
          expr: 'max by (Hostname, gpu) (DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE)) > 0.95',
          for: '10m',
          severity: 'warning',
          summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} has almost no free memory',
          description: 'Frame buffer above 95% used: {{ $value | humanizePercentage }}.',
          threshold: 0.95,
        },
        {
          alert: 'GpuXidError',
          expr: 'max by (Hostname, gpu) (DCGM_FI_DEV_XID_ERRORS) > 0',
          for: '0m',
          severity: 'critical',
          summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} reported XID {{ $value }}',
          description: 'The driver reported an XID error; the node may need draining (see the runbook for XID codes).',
          threshold: 0,
        },
      ],
    },
    {
      name: 'model-servers',
      alerts: [
        {
          alert: 'VllmQueueDepthHigh',
          expr: 'sum by (namespace, model_name) (vllm:num_requests_waiting) > 20',
          for: '10m',
          severity: 'warning',
          summary: 'Model {{ $labels.model_name }} has {{ $value }} requests waiting',
          description: 'More than 20 requests have waited for 10 minutes: autoscaling cannot keep up (maxReplicas, GPU quota or pool limit).',
          threshold: 20,
        },
        {
          alert: 'VllmKvCacheNearlyFull',
          expr: 'max by (namespace, model_name) (vllm:kv_cache_usage_perc) > 0.9',
          for: '10m',
          severity: 'warning',
          summary: 'Model {{ $labels.model_name }} KV cache is {{ $value | humanizePercentage }} full',
          description: 'Above 90% for 10 minutes: requests are preempted; lower maxModelLen or add replicas.',
          threshold: 0.9,
        },
      ],
    },
    {
      name: 'gateways',
      alerts: [
        {
          alert: 'AiGatewayHigh5xxRate',
          expr:
            'sum by (route) (rate(agentgateway_requests_total{status=~"5.."}[5m])) / ' +
            'sum by (route) (rate(agentgateway_requests_total[5m])) > 0.05',
          for: '5m',
          severity: 'critical',
          summary: 'AI gateway route {{ $labels.route }} answers 5xx',
          description: 'More than 5% of model calls fail: {{ $value | humanizePercentage }}.',
          threshold: 0.05,
        },
        {
          alert: 'ClientGatewayHigh5xxRate',
          expr:
            'sum(rate(envoy_http_downstream_rq_xx{envoy_response_code_class="5"}[5m])) / ' +
            'sum(rate(envoy_http_downstream_rq_total[5m])) > 0.05',
          for: '5m',
          severity: 'critical',
          summary: 'The client gateway answers 5xx',
          description: 'More than 5% of client requests fail: {{ $value | humanizePercentage }}.',
          threshold: 0.05,
        },
        {
          alert: 'AiGatewayRateLimiting',
          expr: 'sum by (route) (rate(agentgateway_requests_total{status="429"}[5m])) > 1',
          for: '10m',
          severity: 'info',
          summary: 'AI gateway rejects calls on {{ $labels.route }} for rate limits',
          description: 'More than one call per second rejected with 429 for 10 minutes: a tenant exceeds tokensPerMinute.',
          threshold: 1,
        },
      ],
    },
    {
      name: 'data',
      alerts: [
        {
          alert: 'MilvusSearchLatencyHigh',
          expr: 'histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_sq_latency_bucket[5m]))) > 1000',
          for: '10m',
          severity: 'warning',
          summary: 'Milvus p99 search/query latency is {{ $value }} ms',
          description: 'Above one second for 10 minutes.',
          threshold: 1000,
        },
      ],
    },
    {
      name: 'telemetry',
      alerts: [
        {
          alert: 'TracesNotExported',
          expr: 'sum by (exporter) (rate(otelcol_exporter_send_failed_spans_total[5m])) > 0',
          for: '15m',
          severity: 'warning',
          summary: 'The collector fails to send spans through {{ $labels.exporter }}',
          description: 'Spans are being dropped on their way to Langfuse for 15 minutes: Langfuse down, or a project key wrong or missing.',
          threshold: 0,
        },
      ],
    },
    {
      name: 'tenant-quotas',
      alerts: [
        {
          alert: 'TenantQuotaNearlyExhausted',
          expr:
            `max by (namespace, resource) (kube_resourcequota{${TENANT_NS}, type="used"} / ignoring (type) ` +
            `kube_resourcequota{${TENANT_NS}, type="hard"}) > 0.9`,
          for: '15m',
          severity: 'warning',
          summary: '{{ $labels.namespace }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota',
          description: 'Above 90% for 15 minutes: new pods will be refused; raise the quota in tenants/<tenant>.yaml.',
          threshold: 0.9,
        },
      ],
    },
  ];
}

/** Share of the tokens-per-minute budget a tenant may burn for an hour before it is warned. */
export const TOKEN_BUDGET_WARNING = 0.8;

/**
 * Recording rules for what each tenant actually uses and costs, and per tenant its ceiling and token budget alert.
 * Usage comes from kube-state-metrics (the tenant's own pods' requests) and from the agents' GenAI token metrics
 * (labelled with the tenant by the collector); shared model servers are split by token share.
 */
export function tenantCostGroups(report: TenantCostView): RuleGroup[] {
  const p: UnitPrices = report.prices;
  const tenantOf = (inner: string) => `label_replace(${inner}, "tenant", "$1", "namespace", "tenant-(.+)")`;
  const usage: RecordingRule[] = [
    { record: 'tenant:gpus_requested:sum', expr: tenantOf(`sum by (namespace) (kube_pod_container_resource_requests{${TENANT_NS}, resource="nvidia_com_gpu"})`) },
    { record: 'tenant:cpu_cores_requested:sum', expr: tenantOf(`sum by (namespace) (kube_pod_container_resource_requests{${TENANT_NS}, resource="cpu"})`) },
    { record: 'tenant:memory_gib_requested:sum', expr: tenantOf(`sum by (namespace) (kube_pod_container_resource_requests{${TENANT_NS}, resource="memory"}) / 1073741824`) },
    { record: 'tenant:gen_ai_tokens:rate5m', expr: 'sum by (tenant) (rate(gen_ai_client_token_usage_sum{tenant!=""}[5m]))' },
    { record: 'tenant:model_share:ratio', expr: 'tenant:gen_ai_tokens:rate5m / scalar(sum(tenant:gen_ai_tokens:rate5m))' },
    // Last 30 days: mean usage times 720 hours (GPU-hours, core-hours, GiB-hours) and tokens.
    { record: 'tenant:gpu_hours:30d', expr: 'avg_over_time(tenant:gpus_requested:sum[30d]) * 720' },
    { record: 'tenant:cpu_core_hours:30d', expr: 'avg_over_time(tenant:cpu_cores_requested:sum[30d]) * 720' },
    { record: 'tenant:memory_gib_hours:30d', expr: 'avg_over_time(tenant:memory_gib_requested:sum[30d]) * 720' },
    { record: 'tenant:gen_ai_tokens:30d', expr: 'avg_over_time(tenant:gen_ai_tokens:rate5m[30d]) * 2592000' },
  ];
  const costs: RecordingRule[] = [
    ...(p.gpuHour !== undefined ? [{ record: 'tenant:cost_gpu:30d', expr: `tenant:gpu_hours:30d * ${round(p.gpuHour)}` }] : []),
    ...(p.vcpuHour !== undefined && p.memoryGiBHour !== undefined
      ? [
          {
            record: 'tenant:cost_cpu_memory:30d',
            // The larger of CPU and memory, as in the ceiling.
            expr:
              `(tenant:cpu_core_hours:30d * ${round(p.vcpuHour)} > tenant:memory_gib_hours:30d * ${round(p.memoryGiBHour)}) ` +
              `or tenant:memory_gib_hours:30d * ${round(p.memoryGiBHour)}`,
          },
        ]
      : []),
    {
      record: 'tenant:cost_shared_models:30d',
      expr: `avg_over_time(tenant:model_share:ratio[30d]) * ${round((report.modelsMonthly * 720) / p.hoursPerMonth)}`,
    },
    ...report.tenants.map((t) => ({ record: 'tenant:cost_ceiling:monthly', expr: `vector(${round(t.ceilingMonthly)})`, labels: { tenant: t.tenant } })),
  ];
  const budgets: AlertRule[] = report.tenants.map((t) => ({
    alert: 'TenantTokenBudgetBurn',
    expr: `sum(tenant:gen_ai_tokens:rate5m{tenant="${t.tenant}"}) * 60 > ${TOKEN_BUDGET_WARNING * t.tokensPerMinute}`,
    for: '1h',
    severity: 'warning',
    summary: `Tenant ${t.tenant} burns {{ $value | humanize }} tokens per minute`,
    description: `Above ${TOKEN_BUDGET_WARNING * 100}% of its ${t.tokensPerMinute} tokens per minute (rateLimits.tokensPerMinute) for an hour.`,
    threshold: TOKEN_BUDGET_WARNING * t.tokensPerMinute,
    labels: { tenant: t.tenant },
  }));
  return [
    { name: 'tenant-usage', records: usage },
    { name: 'tenant-cost', records: costs },
    { name: 'tenant-budgets', alerts: budgets },
  ];
}

/** Prices in rules: 6 decimals, so that output is stable and readable. */
function round(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
