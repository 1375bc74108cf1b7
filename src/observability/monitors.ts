import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';
import { PLATFORM_NAMESPACE as NS } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';

/** Argo CD's metrics ports (controller, API server, repo server), as the argo-cd Helm chart's metrics Services expose them. */
export const ARGOCD_METRICS_PORTS = [8082, 8083, 8084] as const;
/** redis_exporter next to Valkey. */
export const VALKEY_EXPORTER_PORT = 9121;
/** Milvus serves /metrics on 9091 (the same number as Envoy's stats port, already in METRICS_PORTS). */
export const MILVUS_METRICS_PORT = 9091;
/** KEDA's operator and metrics server metrics. */
export const KEDA_METRICS_PORTS = [8080, 9022] as const;

/**
 * A monitor for a component whose own chart brings none, kept in observability: by Service (port name) or by pod
 * (port number), in the listed namespaces or in every namespace.
 */
export interface MonitorSpec {
  readonly name: string;
  readonly kind: 'ServiceMonitor' | 'PodMonitor';
  /** Namespaces of the targets; `any` for every namespace (tenant agents). */
  readonly namespaces: readonly string[] | 'any';
  readonly selector: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: readonly { key: string; operator: 'In'; values: readonly string[] }[] };
  /** ServiceMonitor: the Service port's name. PodMonitor: the container port's number. */
  readonly port: string | number;
  /** @default '/metrics' */
  readonly path?: string;
  /**
   * The component is built by a layer still in progress: labels and port follow its upstream chart's conventions.
   * @default false
   */
  readonly provisional?: boolean;
}

export const PLATFORM_MONITORS: readonly MonitorSpec[] = [
  {
    name: 'argocd',
    kind: 'ServiceMonitor',
    namespaces: ['argocd'],
    // The metrics Services of the argo-cd chart (controller.metrics, server.metrics, repoServer.metrics enabled).
    selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['argocd-metrics', 'argocd-repo-server-metrics', 'argocd-server-metrics'] }] },
    port: 'http-metrics',
  },
  { name: 'milvus', kind: 'ServiceMonitor', namespaces: [NS.data], selector: { matchLabels: { 'app.kubernetes.io/name': 'milvus' } }, port: 'metrics', provisional: true },
  { name: 'valkey', kind: 'ServiceMonitor', namespaces: [NS.data], selector: { matchLabels: { 'app.kubernetes.io/name': 'valkey' } }, port: 'metrics', provisional: true },
  {
    // Istio's own metrics (istio_requests_total, ...) that Envoy sidecars serve merged on 15020: what the agents'
    // autoscalers read when the mesh is on. Sidecar-injected pods carry the tlsMode label.
    name: 'istio-sidecars',
    kind: 'PodMonitor',
    namespaces: 'any',
    selector: { matchExpressions: [{ key: 'security.istio.io/tlsMode', operator: 'In', values: ['istio'] }] },
    port: PORTS.istioMetrics,
    path: '/stats/prometheus',
  },
  {
    name: 'agents',
    kind: 'PodMonitor',
    namespaces: 'any',
    // Agent pods kagent creates, in ai-agents and every tenant namespace; /metrics on the A2A port.
    selector: { matchLabels: { 'app.kubernetes.io/managed-by': 'kagent' } },
    port: PORTS.agentA2a,
    provisional: true,
  },
];

export interface MonitorSetProps {
  readonly monitors: readonly MonitorSpec[];
}

/** ServiceMonitors and PodMonitors of the given specs, scraping /metrics every 30 s. */
export class MonitorSet extends Construct {
  constructor(scope: Construct, id: string, props: MonitorSetProps) {
    super(scope, id);
    for (const m of props.monitors) {
      const metadata = { name: m.name, namespace: NS.observability, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } };
      const namespaceSelector = m.namespaces === 'any' ? { any: true } : { matchNames: [...m.namespaces] };
      const selector = {
        ...(m.selector.matchLabels ? { matchLabels: { ...m.selector.matchLabels } } : {}),
        ...(m.selector.matchExpressions ? { matchExpressions: m.selector.matchExpressions.map((e) => ({ ...e, values: [...e.values] })) } : {}),
      };
      if (m.kind === 'ServiceMonitor') {
        const monitor: IServiceMonitor = {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'ServiceMonitor',
          metadata,
          spec: { selector, namespaceSelector, endpoints: [{ port: String(m.port), path: m.path ?? '/metrics', interval: '30s' }] },
        };
        new ApiObject(this, m.name, monitor);
      } else {
        const monitor: IPodMonitor = {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PodMonitor',
          metadata,
          spec: { selector, namespaceSelector, podMetricsEndpoints: [{ portNumber: Number(m.port), path: m.path ?? '/metrics', interval: '30s' }] },
        };
        new ApiObject(this, m.name, monitor);
      }
    }
  }
}
