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
  /** The AI gateway's listener (agentgateway): the one port tenants and agents call models on. */
  aiGateway: 8080,
  /** The client gateway's HTTPS listener (443) as the kgateway Envoy pods bind it (kgateway adds 8000 below 1024). */
  clientGatewayHttps: 8443,
  /** Envoy stats of kgateway proxies. */
  envoyMetrics: 9091,
  /** xDS of the kgateway controller, which configures the Envoy proxies. */
  kgatewayXds: 9977,
  /** xDS of the agentgateway controller, which configures the AI gateway proxies. */
  agentgatewayXds: 9978,
  /** Metrics of the AI gateway's (agentgateway) proxies; the same port Istio sidecars serve merged metrics on. */
  agentgatewayMetrics: 15020,
  /** Endpoint picker (ext-proc gRPC) of an InferencePool. */
  endpointPicker: 9002,
  /** The AI gateway's token rate-limit service (envoyproxy/ratelimit): gRPC for the gateway, HTTP for health checks. */
  rateLimitGrpc: 8081,
  rateLimitHttp: 8080,
  /** Kubelet API (cAdvisor metrics). */
  kubelet: 10250,
  /** ClickHouse HTTP and native protocol (Langfuse's ClickHouse). */
  clickhouseHttp: 8123,
  clickhouseNative: 9000,
} as const;

/** Ports model servers listen on: every tenant and agent reaches ai-inference on these and no others. */
export const MODEL_SERVING_PORTS = [PORTS.vllm, PORTS.tgi] as const;

/** Ports Prometheus scrapes metrics on across the platform. */
export const METRICS_PORTS = [PORTS.vllm, PORTS.tgi, PORTS.prometheus, PORTS.dcgmExporter, PORTS.istioMetrics, PORTS.envoyMetrics] as const;
