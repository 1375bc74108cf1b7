import { MODEL_SERVING_PORTS, METRICS_PORTS, PORTS } from '../lib/ports.js';
import { MESHED_PLATFORM_NAMESPACES, PLATFORM_NAMESPACE as NS, PLATFORM_NAMESPACES } from '../lib/names.js';
import { ISTIO_SYSTEM_NAMESPACE, ISTIOD_PORTS } from '../addons/istio.js';
import type { Environment } from '../config/schema/environment.js';
import { GPU_SYSTEM_NAMESPACE } from '../addons/gpu-addons.js';
import { KEDA_NAMESPACE } from '../addons/keda.js';
import { AGENTGATEWAY_NAMESPACE, KGATEWAY_NAMESPACE } from '../addons/gateway-addons.js';
import { ARGOCD_METRICS_PORTS, KEDA_METRICS_PORTS, VALKEY_EXPORTER_PORT } from '../observability/monitors.js';

/** Who is at one end of an allowed connection. */
export type Peer =
  | {
      readonly kind: 'namespace';
      readonly name: string;
      /** Only these pods of the namespace. @default - every pod */
      readonly pods?: { readonly matchExpressions: readonly { key: string; operator: 'In'; values: readonly string[] }[] };
    }
  /** Every tenant namespace (selected by the tenant label, which only the platform can set). */
  | { readonly kind: 'tenants' }
  /** Every platform namespace. */
  | { readonly kind: 'platform' }
  /** Public internet addresses, private ranges excluded. */
  | { readonly kind: 'internet' }
  /**
   * The Kubernetes API server. On EKS the endpoints of kubernetes.default.svc, and the source of webhook calls, are
   * ENIs of the control plane in the cluster's VPC subnets, whose addresses the manifests do not know: the rule is
   * an ipBlock of the private ranges (PRIVATE_RANGES) on the flow's ports only.
   */
  | { readonly kind: 'kube-apiserver' };

export interface Flow {
  readonly from: Peer;
  readonly to: Peer;
  readonly protocol: 'TCP' | 'UDP';
  readonly ports: readonly number[];
  /** Why the platform needs it; shown in reports. */
  readonly why: string;
}

const ns = (name: string): Peer => ({ kind: 'namespace', name });
const tcp = (from: Peer, to: Peer, ports: readonly number[], why: string): Flow => ({ from, to, protocol: 'TCP', ports, why });

/**
 * Every connection the platform allows between namespaces, besides DNS and traffic inside one namespace.
 * This is the design's request flow (gateway → agents, agents → data, everything → observability), made explicit
 * and port by port; anything not listed is denied by the default-deny policies. Model calls go through the AI gateway
 * in ai-gateway: agents and tenants reach its one port, and only ai-gateway reaches the model servers.
 */
export const PLATFORM_FLOWS: readonly Flow[] = [
  tcp(ns(NS.gateway), ns(NS.agents), [PORTS.agentA2a, PORTS.kagentApi], 'gateway routes requests to agents'),
  tcp(ns(NS.gateway), ns(NS.inference), [...MODEL_SERVING_PORTS, PORTS.endpointPicker], 'the AI gateway sends model calls to model servers, picked by each model\'s endpoint picker'),
  tcp(ns(NS.gateway), { kind: 'tenants' }, [PORTS.agentA2a], 'gateway routes requests to tenant agents'),
  tcp(ns(NS.agents), ns(NS.gateway), [PORTS.aiGateway], 'agents call models through the AI gateway'),
  tcp(ns(NS.agents), ns(NS.data), [PORTS.milvus, PORTS.redis, PORTS.postgres], 'agents search vectors, cache sessions, keep state'),
  tcp({ kind: 'tenants' }, ns(NS.gateway), [PORTS.aiGateway], 'tenant agents call models through the AI gateway'),
  tcp({ kind: 'tenants' }, ns(NS.agents), [PORTS.kagentApi], 'tenant agents report sessions and tasks to the kagent controller'),
  tcp(
    { kind: 'namespace', name: NS.agents, pods: { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['kagent'] }, { key: 'app.kubernetes.io/component', operator: 'In', values: ['controller'] }] } },
    { kind: 'tenants' },
    [PORTS.agentA2a],
    'the kagent controller (only) calls tenant agents (A2A) and lists their MCP servers\' tools',
  ),
  tcp(ns(NS.agents), { kind: 'kube-apiserver' }, [PORTS.https], 'the kagent controller watches agents, tools and the workloads it creates'),
  tcp(ns(NS.gateway), ns(KGATEWAY_NAMESPACE), [PORTS.kgatewayXds], 'client gateway proxies get their configuration from kgateway'),
  tcp(ns(NS.gateway), ns(AGENTGATEWAY_NAMESPACE), [PORTS.agentgatewayXds], 'AI gateway proxies get their configuration from agentgateway'),
  tcp(ns(NS.gateway), { kind: 'internet' }, [PORTS.https], 'signing keys (JWKS) of the token issuer, Bedrock fallback models'),
  tcp(ns(NS.gateway), ns(NS.data), [PORTS.redis], 'the token rate-limit service counts in Valkey'),
  tcp({ kind: 'tenants' }, ns(NS.data), [PORTS.milvus, PORTS.redis], 'tenant agents search vectors and cache sessions'),
  tcp({ kind: 'platform' }, ns(NS.observability), [PORTS.otlpGrpc, PORTS.otlpHttp, PORTS.langfuse], 'traces and metrics to collectors'),
  tcp({ kind: 'tenants' }, ns(NS.observability), [PORTS.otlpGrpc, PORTS.otlpHttp], 'tenant traces and metrics to the OTLP collector'),
  tcp(ns(NS.observability), { kind: 'platform' }, METRICS_PORTS, 'Prometheus scrapes metrics'),
  tcp(ns(NS.observability), ns(GPU_SYSTEM_NAMESPACE), [PORTS.dcgmExporter], 'Prometheus scrapes the DCGM exporter'),
  tcp(ns(KEDA_NAMESPACE), ns(NS.observability), [PORTS.prometheus], 'KEDA reads queue depth and GPU utilization from Prometheus'),
  tcp(ns(NS.inference), { kind: 'internet' }, [PORTS.https], 'model downloads (Hugging Face, S3)'),
  tcp(ns(NS.data), { kind: 'internet' }, [PORTS.https], 'Milvus object storage on S3'),
  tcp(ns(NS.observability), { kind: 'internet' }, [PORTS.https], 'trace archive on S3, alert delivery'),
  // Observability layer (src/observability): what Prometheus scrapes beyond METRICS_PORTS, and what its operators watch.
  tcp(ns(NS.observability), ns(NS.data), [VALKEY_EXPORTER_PORT], 'Prometheus scrapes Valkey\'s redis_exporter'),
  tcp(ns(NS.observability), { kind: 'tenants' }, [PORTS.agentA2a], 'Prometheus scrapes tenant agents\' /metrics'),
  tcp(ns(NS.observability), ns('argocd'), ARGOCD_METRICS_PORTS, 'Prometheus scrapes Argo CD'),
  tcp(ns(NS.observability), ns(KEDA_NAMESPACE), KEDA_METRICS_PORTS, 'Prometheus scrapes KEDA'),
  tcp(ns(NS.observability), { kind: 'kube-apiserver' }, [PORTS.https, PORTS.kubelet], 'Prometheus Operator, service discovery, Grafana sidecar and the collector watch the API server; cAdvisor on the kubelets'),
  tcp(ns('clickhouse-operator'), ns(NS.observability), [PORTS.clickhouseHttp, PORTS.clickhouseNative], 'the ClickHouse operator manages Langfuse\'s ClickHouse'),
];

/**
 * What the Istio mesh adds when an environment turns it on: every sidecar talks to istiod (configuration and its mTLS
 * certificate), the API server calls istiod's injection and validation webhooks, istiod watches the API server, and
 * Prometheus scrapes istiod. Sidecars' own metrics (15020) are in METRICS_PORTS already.
 */
export const MESH_FLOWS: readonly Flow[] = [
  ...MESHED_PLATFORM_NAMESPACES.map((name) => tcp(ns(name), ns(ISTIO_SYSTEM_NAMESPACE), [ISTIOD_PORTS.xds], 'sidecars get configuration and certificates from istiod')),
  tcp({ kind: 'tenants' }, ns(ISTIO_SYSTEM_NAMESPACE), [ISTIOD_PORTS.xds], 'tenant sidecars get configuration and certificates from istiod'),
  tcp({ kind: 'kube-apiserver' }, ns(ISTIO_SYSTEM_NAMESPACE), [ISTIOD_PORTS.webhook], 'API server calls the sidecar injection and validation webhooks'),
  tcp(ns(ISTIO_SYSTEM_NAMESPACE), { kind: 'kube-apiserver' }, [PORTS.https], 'istiod watches services, pods and Istio resources'),
  tcp(ns(NS.observability), ns(ISTIO_SYSTEM_NAMESPACE), [ISTIOD_PORTS.monitoring], 'Prometheus scrapes istiod'),
  tcp(ns(NS.observability), { kind: 'tenants' }, [PORTS.istioMetrics], 'Prometheus scrapes the sidecars of tenant agents (request rates for their autoscalers)'),
];

/** The flows of one environment: the platform's, plus the mesh's when it is on. */
export function environmentFlows(env: Pick<Environment, 'mesh'>): readonly Flow[] {
  return env.mesh.istio ? [...PLATFORM_FLOWS, ...MESH_FLOWS] : PLATFORM_FLOWS;
}

/** RFC 1918 ranges: never reachable through an "internet" rule (they hold the VPC, nodes and pods). */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** Does `peer` include namespace `name` (given whether it is a tenant namespace)? */
export function peerIncludes(peer: Peer, name: string, isTenant: boolean): boolean {
  switch (peer.kind) {
    case 'namespace':
      return peer.name === name;
    case 'tenants':
      return isTenant;
    case 'platform':
      return (PLATFORM_NAMESPACES as readonly string[]).includes(name);
    case 'internet':
    case 'kube-apiserver':
      return false;
  }
}

/** Label of model-server pods naming the catalog model they serve. */
export const MODEL_LABEL = 'platform.agentic.io/model';

/**
 * The flows as one tenant sees them: should a flow from tenants to ai-inference exist, a tenant reaches only the
 * model servers of the models its file allows (label platform.agentic.io/model), and none when it allows none.
 * PLATFORM_FLOWS has no such flow: tenants call models through the AI gateway, which authorizes each call.
 */
export function tenantFlows(flows: readonly Flow[], allowedModels: readonly string[]): Flow[] {
  return flows.flatMap((f) => {
    if (f.from.kind !== 'tenants' || f.to.kind !== 'namespace' || f.to.name !== NS.inference) return [f];
    if (allowedModels.length === 0) return [];
    const to: Peer = {
      ...f.to,
      pods: { matchExpressions: [{ key: MODEL_LABEL, operator: 'In', values: [...allowedModels].sort() }] },
    };
    return [{ ...f, to }];
  });
}
