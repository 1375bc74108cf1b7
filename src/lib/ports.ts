/** Well-known ports of the platform's services; NetworkPolicies and Services both read them from here. */
export const PORTS = {
  dns: 53,
  /** kagent agent pods (A2A) and the TGI router. */
  agentA2a: 8080,
  /** kagent controller HTTP API. */
  kagentApi: 8083,
  vllm: 8000,
  tgi: 8080,
  milvus: 19530,
  redis: 6379,
  postgres: 5432,
  otlpGrpc: 4317,
  otlpHttp: 4318,
  langfuse: 3000,
  prometheus: 9090,
  dcgmExporter: 9400,
  istioMetrics: 15020,
  https: 443,
} as const;

/** Ports model servers listen on: every tenant and agent reaches ai-inference on these and no others. */
export const MODEL_SERVING_PORTS = [PORTS.vllm, PORTS.tgi] as const;

/** Ports Prometheus scrapes metrics on across the platform. */
export const METRICS_PORTS = [PORTS.vllm, PORTS.tgi, PORTS.prometheus, PORTS.dcgmExporter, PORTS.istioMetrics] as const;
