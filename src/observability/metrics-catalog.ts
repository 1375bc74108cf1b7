/**
 * Every metric a PromQL expression of the platform (alerts, recording rules, dashboards, KEDA triggers) may name,
 * listed per component we deploy, with where the name comes from. Tests parse every expression and fail on a metric
 * that no entry here (or no recording rule of ours) produces, so a renamed upstream metric shows up as a test failure,
 * not as an alert that silently never fires.
 */
export interface MetricProducer {
  /** The component that exposes the metrics. */
  readonly component: string;
  /** Where the names come from (upstream source or documentation, at the version we deploy). */
  readonly source: string;
  /** How Prometheus gets them (which monitor or receiver). */
  readonly scrapedBy: string;
  /**
   * Whether the component is built by a layer still in progress: the metrics follow its conventions (labels, ports,
   * names) and are not yet proven against a running instance.
   * @default false
   */
  readonly provisional?: boolean;
  readonly metrics: readonly string[];
}

/** `<name>_bucket`, `_sum` and `_count` of a Prometheus histogram. */
const histogram = (name: string) => [`${name}_bucket`, `${name}_sum`, `${name}_count`];

export const METRIC_PRODUCERS: readonly MetricProducer[] = [
  {
    component: 'vLLM model servers (ai-inference)',
    source: 'vLLM v0.11 production metrics, vllm/v1/metrics/loggers.py and docs/usage/metrics.md',
    scrapedBy: 'ServiceMonitor <model> (inference chart)',
    metrics: [
      'vllm:num_requests_waiting',
      'vllm:num_requests_running',
      'vllm:kv_cache_usage_perc',
      'vllm:prompt_tokens_total',
      'vllm:generation_tokens_total',
      'vllm:request_success_total',
      ...histogram('vllm:e2e_request_latency_seconds'),
      ...histogram('vllm:time_to_first_token_seconds'),
    ],
  },
  {
    component: 'TGI model servers (ai-inference)',
    source: 'text-generation-inference 3.x router metrics, docs/source/reference/metrics.md',
    scrapedBy: 'ServiceMonitor <model> (inference chart)',
    metrics: ['tgi_queue_size', 'tgi_batch_current_size', 'tgi_request_count', 'tgi_request_success', ...histogram('tgi_request_duration')],
  },
  {
    component: 'NVIDIA DCGM exporter (gpu-system)',
    source: 'dcgm-exporter 4.x etc/default-counters.csv',
    scrapedBy: 'ServiceMonitor dcgm-exporter (inference chart), honorLabels so namespace/pod are the GPU user',
    metrics: ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_FB_FREE', 'DCGM_FI_DEV_XID_ERRORS', 'DCGM_FI_DEV_GPU_TEMP', 'DCGM_FI_DEV_POWER_USAGE'],
  },
  {
    component: 'Istio sidecars of meshed pods (agents, gateways; mesh on)',
    source: 'Istio standard metrics (docs "Istio Standard Metrics"), served merged by the sidecar on :15020/stats/prometheus',
    scrapedBy: 'PodMonitor istio-sidecars (observability chart)',
    metrics: ['istio_requests_total', ...histogram('istio_request_duration_milliseconds')],
  },
  {
    component: 'agentgateway AI gateway proxies (ai-gateway)',
    source: 'agentgateway 1.x metrics endpoint :15020/metrics (docs "View metrics and logs"; GenAI semantic conventions)',
    scrapedBy: 'PodMonitor ai-gateway (gateway chart)',
    metrics: ['agentgateway_requests_total', ...histogram('agentgateway_request_duration_seconds'), ...histogram('agentgateway_gen_ai_client_token_usage')],
  },
  {
    component: 'kgateway Envoy proxies (ai-gateway)',
    source: 'Envoy HTTP connection manager statistics (http.<prefix>.downstream_rq_total, downstream_rq_Nxx) in Prometheus form',
    scrapedBy: 'PodMonitor api-gateway (gateway chart)',
    metrics: ['envoy_http_downstream_rq_total', 'envoy_http_downstream_rq_xx'],
  },
  {
    component: 'agents (ai-agents and tenant namespaces)',
    source: 'the design\'s agent metrics (architecture.md, "Prometheus alert rules"), which the agent layer must expose on /metrics',
    scrapedBy: 'PodMonitors agents (observability chart), by the kagent pod label and the A2A port',
    provisional: true,
    metrics: ['agent_request_total', 'agent_request_errors_total', ...histogram('agent_request_duration_seconds')],
  },
  {
    component: 'agents\' OpenTelemetry SDKs, through the OpenTelemetry Collector',
    source: 'OpenTelemetry GenAI semantic conventions (gen_ai.client.token.usage, gen_ai.client.operation.duration) as Prometheus\' OTLP receiver names them; tenant and k8s_namespace_name promoted from resource attributes',
    scrapedBy: 'OTLP push: collector → Prometheus /api/v1/otlp',
    provisional: true,
    metrics: [...histogram('gen_ai_client_token_usage'), ...histogram('gen_ai_client_operation_duration_seconds')],
  },
  {
    component: 'Milvus (ai-data)',
    source: 'Milvus 2.5 pkg/metrics/proxy_metrics.go (milvus_proxy_sq_latency in ms, milvus_proxy_req_count)',
    scrapedBy: 'ServiceMonitor milvus (observability chart), by app.kubernetes.io/name=milvus, port "metrics" (9091)',
    provisional: true,
    metrics: [...histogram('milvus_proxy_sq_latency'), 'milvus_proxy_req_count'],
  },
  {
    component: 'Valkey (ai-data), through redis_exporter',
    source: 'oliver006/redis_exporter v1 metric names',
    scrapedBy: 'ServiceMonitor valkey (observability chart), by app.kubernetes.io/name=valkey, port "metrics" (9121)',
    provisional: true,
    metrics: ['redis_up', 'redis_memory_used_bytes', 'redis_memory_max_bytes', 'redis_connected_clients'],
  },
  {
    component: 'kube-state-metrics (observability, from kube-prometheus-stack)',
    source: 'kube-state-metrics v2 docs/metrics (resourcequota, pod, namespace; label_* as allowed by metricLabelsAllowlist)',
    scrapedBy: 'kube-prometheus-stack\'s own ServiceMonitor',
    metrics: ['kube_resourcequota', 'kube_pod_container_resource_requests', 'kube_pod_container_resource_limits', 'kube_pod_info', 'kube_namespace_labels'],
  },
  {
    component: 'kubelet cAdvisor (every node)',
    source: 'cAdvisor container metrics, scraped by kube-prometheus-stack\'s kubelet ServiceMonitor',
    scrapedBy: 'kube-prometheus-stack\'s kubelet ServiceMonitor',
    metrics: ['container_cpu_usage_seconds_total', 'container_memory_working_set_bytes'],
  },
  {
    component: 'Argo CD (argocd)',
    source: 'Argo CD v3 docs/operator-manual/metrics.md',
    scrapedBy: 'ServiceMonitors argocd-* (observability chart), Services argocd-metrics, argocd-server-metrics, argocd-repo-server',
    metrics: ['argocd_app_info', 'argocd_app_sync_total'],
  },
  {
    component: 'KEDA (keda)',
    source: 'KEDA 2.x docs/operate/prometheus (operator metrics)',
    scrapedBy: 'the KEDA chart\'s ServiceMonitors (prometheus.operator.serviceMonitor.enabled)',
    metrics: ['keda_scaler_errors_total', 'keda_scaler_metrics_value'],
  },
  {
    component: 'OpenTelemetry Collector (observability)',
    source: 'collector internal telemetry (docs "Internal telemetry": otelcol_exporter_send_failed_spans, Prometheus counter suffix _total)',
    scrapedBy: 'the opentelemetry-collector chart\'s ServiceMonitor (port metrics, 8888)',
    metrics: ['otelcol_exporter_send_failed_spans_total', 'otelcol_exporter_sent_spans_total'],
  },
  {
    component: 'Prometheus (every target)',
    source: 'Prometheus: the synthetic up series of every scrape',
    scrapedBy: 'Prometheus itself',
    metrics: ['up'],
  },
];

/** Every metric name some deployed component exposes. */
export function producedMetrics(): ReadonlySet<string> {
  return new Set(METRIC_PRODUCERS.flatMap((p) => p.metrics));
}
