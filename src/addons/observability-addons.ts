import type { Environment } from '../config/schema/environment.js';
import { PLATFORM_NAMESPACE } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';
import { PROMETHEUS_URL } from '../lib/platform-services.js';
import { LANGFUSE_CREDENTIALS_SECRET, langfuseProjectSecret, LANGFUSE_PLATFORM_PROJECT, TENANT_ATTRIBUTE } from '../observability/langfuse.js';
import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

const NS = PLATFORM_NAMESPACE.observability;

/** Versions, read from the charts' Chart.yaml and values.yaml at these tags. */
export const OBSERVABILITY_VERSIONS = {
  /** prometheus-community/helm-charts, charts/kube-prometheus-stack (Prometheus Operator v0.93.1). */
  kubePrometheusStack: '88.5.3',
  /** open-telemetry/opentelemetry-helm-charts, charts/opentelemetry-collector (collector 0.158.0). */
  otelCollectorChart: '0.170.0',
  otelCollector: '0.158.0',
  /** langfuse/langfuse-k8s 2.0.0 (Langfuse v4.4.0; no Bitnami sub-charts; ClickHouse through the ClickHouse operator). */
  langfuseChart: '2.0.0',
  langfuse: '4.4.0',
  /** The prerequisites langfuse-k8s 2.0.0's README names for its ClickHouseCluster / KeeperCluster resources. */
  certManager: 'v1.20.2',
  clickhouseOperator: '0.0.5',
} as const;

const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

/**
 * kube-prometheus-stack: Prometheus (its operator-made Service prometheus-operated is what KEDA queries),
 * Alertmanager, Grafana and kube-state-metrics. CRDs come from the prometheus-operator-crds Application, so the
 * chart installs none. Prometheus selects every ServiceMonitor, PodMonitor and PrometheusRule of every namespace,
 * and receives OTLP metrics from the collector.
 */
export function kubePrometheusStack(env: Environment): HelmAddon {
  const { prometheus, grafana } = env.observability;
  const oidc = grafana.oidc;
  const roleRule = oidc
    ? [
        ...oidc.adminGroups.map((g) => `contains("${oidc.groupsClaim}"[*], '${g}') && 'Admin'`),
        ...oidc.editorGroups.map((g) => `contains("${oidc.groupsClaim}"[*], '${g}') && 'Editor'`),
        "'Viewer'",
      ].join(' || ')
    : undefined;
  return {
    name: 'kube-prometheus-stack',
    namespace: NS,
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: OBSERVABILITY_VERSIONS.kubePrometheusStack,
    wave: WAVE.addons,
    createNamespace: false,
    // Server-side apply: the chart's dashboards ConfigMaps exceed the client-side annotation limit.
    syncOptions: ['ServerSideApply=true'],
    values: {
      crds: { enabled: false },
      // node-exporter needs the host's network and PID namespaces, which observability's Pod Security (baseline) refuses.
      nodeExporter: { enabled: false },
      'kube-state-metrics': {
        // The tenant and cost-center labels of namespaces, for the dashboards' tenant variable and cost joins.
        metricLabelsAllowlist: ['namespaces=[platform.agentic.io/tenant,platform.agentic.io/cost-center]'],
        resources: resources('50m', '128Mi', '500m', '512Mi'),
      },
      prometheusOperator: { resources: resources('100m', '128Mi', '500m', '512Mi') },
      prometheus: {
        prometheusSpec: {
          replicas: prometheus.replicas,
          retention: prometheus.retention,
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          ruleSelectorNilUsesHelmValues: false,
          probeSelectorNilUsesHelmValues: false,
          serviceMonitorNamespaceSelector: {},
          podMonitorNamespaceSelector: {},
          ruleNamespaceSelector: {},
          enableOTLPReceiver: true,
          otlp: { promoteResourceAttributes: [TENANT_ATTRIBUTE, 'k8s.namespace.name', 'service.name'] },
          resources: resources('500m', '4Gi', '2', '8Gi'),
          storageSpec: {
            volumeClaimTemplate: {
              spec: {
                accessModes: ['ReadWriteOnce'],
                ...(prometheus.storageClass ? { storageClassName: prometheus.storageClass } : {}),
                resources: { requests: { storage: String(prometheus.storage) } },
              },
            },
          },
        },
      },
      alertmanager: {
        alertmanagerSpec: {
          resources: resources('50m', '64Mi', '200m', '256Mi'),
          storage: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } } },
        },
      },
      grafana: {
        admin: { existingSecret: grafana.adminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
        resources: resources('100m', '256Mi', '500m', '512Mi'),
        sidecar: {
          resources: resources('50m', '64Mi', '200m', '256Mi'),
          // Only our dashboards: ConfigMaps labelled grafana_dashboard=1 in observability.
          dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: NS },
        },
        ...(oidc
          ? {
              envValueFrom: { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secretKeyRef: { name: oidc.clientSecret, key: 'client-secret' } } },
              'grafana.ini': {
                server: { root_url: oidc.rootUrl },
                auth: { disable_login_form: true },
                'auth.generic_oauth': {
                  enabled: true,
                  name: 'SSO',
                  client_id: oidc.clientId,
                  scopes: 'openid email profile',
                  auth_url: oidc.authUrl,
                  token_url: oidc.tokenUrl,
                  api_url: oidc.apiUrl,
                  use_pkce: true,
                  groups_attribute_path: `"${oidc.groupsClaim}"`,
                  role_attribute_path: roleRule,
                  role_attribute_strict: false,
                },
              },
            }
          : {}),
      },
    },
  };
}

/** An environment variable name for a tenant's key: LANGFUSE_<TENANT>_<WHICH>. */
export const langfuseKeyEnv = (project: string, which: 'PUBLIC_KEY' | 'SECRET_KEY') =>
  `LANGFUSE_${project.toUpperCase().replace(/-/g, '_')}_${which}`;

/** The Langfuse OTLP endpoint, inside the namespace (the web Service of the langfuse release). */
const LANGFUSE_OTLP = `http://langfuse-web.${NS}.svc.cluster.local:${PORTS.langfuse}/api/public/otel`;

/**
 * The OpenTelemetry Collector (contrib distribution): OTLP in from agents and gateways; Kubernetes attributes
 * (namespace, pod, and the tenant label of the namespace) set by the collector itself from the connection's pod,
 * after deleting any the sender set; traces routed to the sender's tenant's Langfuse project (the platform's own
 * project for platform namespaces); metrics to Prometheus' OTLP receiver. Its Service is otel-collector.
 */
export function otelCollector(tenants: readonly string[]): HelmAddon {
  const projects = [LANGFUSE_PLATFORM_PROJECT, ...[...tenants].sort()];
  const pipelineOf = (p: string) => `traces/langfuse-${p}`;
  const extensions: Record<string, unknown> = { health_check: { endpoint: '${env:MY_POD_IP}:13133' } };
  const exporters: Record<string, unknown> = {
    'otlphttp/prometheus': { metrics_endpoint: `${PROMETHEUS_URL}/api/v1/otlp/v1/metrics`, tls: { insecure: true } },
  };
  const pipelines: Record<string, unknown> = {
    traces: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'resource/untrusted', 'k8sattributes', 'batch'],
      exporters: ['routing/tenants'],
    },
    metrics: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'resource/untrusted', 'k8sattributes', 'batch'],
      exporters: ['otlphttp/prometheus'],
    },
  };
  for (const p of projects) {
    extensions[`basicauth/${p}`] = {
      client_auth: { username: `\${env:${langfuseKeyEnv(p, 'PUBLIC_KEY')}}`, password: `\${env:${langfuseKeyEnv(p, 'SECRET_KEY')}}` },
    };
    exporters[`otlphttp/langfuse-${p}`] = { endpoint: LANGFUSE_OTLP, auth: { authenticator: `basicauth/${p}` }, tls: { insecure: true } };
    pipelines[pipelineOf(p)] = { receivers: ['routing/tenants'], exporters: [`otlphttp/langfuse-${p}`] };
  }
  return {
    name: 'opentelemetry-collector',
    namespace: NS,
    repoURL: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
    chart: 'opentelemetry-collector',
    version: OBSERVABILITY_VERSIONS.otelCollectorChart,
    wave: WAVE.addons,
    createNamespace: false,
    values: {
      mode: 'deployment',
      fullnameOverride: 'otel-collector',
      replicaCount: 2,
      image: { repository: 'otel/opentelemetry-collector-contrib', tag: OBSERVABILITY_VERSIONS.otelCollector },
      resources: resources('200m', '256Mi', '1', '1Gi'),
      podSecurityContext: RESTRICTED_POD,
      securityContext: { ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true },
      // k8sattributes reads pods, namespaces and replica sets.
      clusterRole: {
        create: true,
        rules: [
          { apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
        ],
      },
      ports: {
        'jaeger-compact': { enabled: false },
        'jaeger-thrift': { enabled: false },
        'jaeger-grpc': { enabled: false },
        zipkin: { enabled: false },
        // Its own metrics, scraped through the chart's ServiceMonitor.
        metrics: { enabled: true },
      },
      serviceMonitor: { enabled: true },
      extraEnvs: projects.flatMap((p) =>
        (['PUBLIC_KEY', 'SECRET_KEY'] as const).map((which) => ({
          name: langfuseKeyEnv(p, which),
          valueFrom: { secretKeyRef: { name: langfuseProjectSecret(p), key: which === 'PUBLIC_KEY' ? 'public-key' : 'secret-key' } },
        })),
      ),
      // The whole configuration, not merged with the chart's defaults (which add Jaeger, Zipkin and a debug exporter).
      alternateConfig: {
        receivers: { otlp: { protocols: { grpc: { endpoint: `\${env:MY_POD_IP}:${PORTS.otlpGrpc}` }, http: { endpoint: `\${env:MY_POD_IP}:${PORTS.otlpHttp}` } } } },
        extensions,
        processors: {
          memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 },
          batch: {},
          // What a sender says about its own namespace or tenant is never trusted.
          'resource/untrusted': {
            attributes: [TENANT_ATTRIBUTE, 'k8s.namespace.name', 'k8s.pod.name', 'k8s.pod.uid', 'k8s.pod.ip'].map((key) => ({ key, action: 'delete' })),
          },
          k8sattributes: {
            auth_type: 'serviceAccount',
            pod_association: [{ sources: [{ from: 'connection' }] }],
            extract: {
              metadata: ['k8s.namespace.name', 'k8s.pod.name', 'k8s.deployment.name'],
              labels: [{ tag_name: TENANT_ATTRIBUTE, key: 'platform.agentic.io/tenant', from: 'namespace' }],
            },
          },
        },
        connectors: {
          'routing/tenants': {
            default_pipelines: [pipelineOf(LANGFUSE_PLATFORM_PROJECT)],
            table: projects
              .filter((p) => p !== LANGFUSE_PLATFORM_PROJECT)
              .map((p) => ({ context: 'resource', condition: `attributes["${TENANT_ATTRIBUTE}"] == "${p}"`, pipelines: [pipelineOf(p)] })),
          },
        },
        exporters,
        service: {
          extensions: ['health_check', ...projects.map((p) => `basicauth/${p}`)],
          pipelines,
          telemetry: { metrics: { readers: [{ pull: { exporter: { prometheus: { host: '${env:MY_POD_IP}', port: 8888 } } } }] } },
        },
      },
    },
  };
}

/** cert-manager: the ClickHouse operator's webhooks get their certificates from it. */
export const CERT_MANAGER: HelmAddon = {
  name: 'cert-manager',
  namespace: 'cert-manager',
  repoURL: 'oci://quay.io/jetstack/charts/cert-manager',
  version: OBSERVABILITY_VERSIONS.certManager,
  wave: WAVE.crds,
  crdGroups: ['cert-manager.io', 'acme.cert-manager.io'],
  values: {
    crds: { enabled: true },
    resources: resources('50m', '128Mi', '500m', '512Mi'),
    webhook: { resources: resources('20m', '64Mi', '200m', '256Mi') },
    cainjector: { resources: resources('20m', '128Mi', '200m', '512Mi') },
  },
};

/** The ClickHouse operator (ClickHouseCluster, KeeperCluster), which Langfuse's chart uses for its ClickHouse. */
export const CLICKHOUSE_OPERATOR: HelmAddon = {
  name: 'clickhouse-operator',
  namespace: 'clickhouse-operator',
  repoURL: 'oci://ghcr.io/clickhouse/clickhouse-operator-helm',
  version: OBSERVABILITY_VERSIONS.clickhouseOperator,
  wave: WAVE.addons,
  crdGroups: ['clickhouse.com'],
  syncOptions: ['SkipDryRunOnMissingResource=true'],
  values: {},
};

/**
 * Langfuse v4 (web and worker) with its stores in the cluster or external, per environment. Every credential comes
 * from one Secret, LANGFUSE_CREDENTIALS_SECRET (an ExternalSecret of the data layer): under Argo CD the chart cannot
 * keep generated credentials (no Helm lookup), so none is generated.
 */
export function langfuse(env: Environment): HelmAddon {
  const lf = env.observability.langfuse;
  const secret = LANGFUSE_CREDENTIALS_SECRET;
  const ref = (key: string) => ({ secretKeyRef: { name: secret, key } });
  const app = { resources: resources('500m', '1Gi', '2', '2Gi') };
  return {
    name: 'langfuse',
    namespace: NS,
    repoURL: 'https://langfuse.github.io/langfuse-k8s',
    chart: 'langfuse',
    version: OBSERVABILITY_VERSIONS.langfuseChart,
    wave: WAVE.observability,
    createNamespace: false,
    syncOptions: ['SkipDryRunOnMissingResource=true'],
    values: {
      langfuse: {
        image: { tag: OBSERVABILITY_VERSIONS.langfuse, pullPolicy: 'IfNotPresent' },
        salt: ref('salt'),
        encryptionKey: ref('encryption-key'),
        nextauth: { url: lf.url, secret: ref('nextauth-secret') },
        features: { telemetryEnabled: false, signUpDisabled: true },
        podSecurityContext: RESTRICTED_POD,
        securityContext: RESTRICTED_CONTAINER,
        web: app,
        worker: app,
      },
      postgresql: lf.postgres
        ? { deploy: false, host: lf.postgres.host, auth: { username: 'langfuse', database: 'langfuse', existingSecret: secret, secretKeys: { userPasswordKey: 'postgres-password' } } }
        : { deploy: true, image: { tag: '18.1' }, auth: { existingSecret: secret, secretKeys: { userPasswordKey: 'postgres-password', adminPasswordKey: 'postgres-admin-password' } }, resources: resources('250m', '512Mi', '1', '2Gi') },
      redis: lf.redis
        ? { deploy: false, host: lf.redis.host, auth: { existingSecret: secret, existingSecretPasswordKey: 'redis-password' } }
        : { deploy: true, image: { tag: '8.1.3' }, auth: { existingSecret: secret, existingSecretPasswordKey: 'redis-password' }, resources: resources('100m', '256Mi', '500m', '1Gi') },
      clickhouse: lf.clickhouse
        ? { deploy: false, host: lf.clickhouse.host, auth: { username: 'default', existingSecret: secret, existingSecretKey: 'clickhouse-password' } }
        : // Argo CD renders with helm template, where the chart's CRD preflight cannot see the cluster; the waves order it instead.
          // CPU limits too: the namespace's LimitRange would otherwise give them a default limit below the chart's request.
          {
            deploy: true,
            crdCheck: false,
            auth: { existingSecret: secret, existingSecretKey: 'clickhouse-password' },
            cluster: { resources: resources('1', '2Gi', '2', '4Gi') },
            keeper: { resources: resources('250m', '256Mi', '1', '1Gi') },
          },
      s3: lf.s3
        ? { deploy: false, bucket: lf.s3.bucket, region: lf.s3.region, forcePathStyle: false }
        : { deploy: true, auth: { existingSecret: secret, rootUserSecretKey: 's3-user', rootPasswordSecretKey: 's3-password' } },
    },
  };
}

/** The observability layer's add-ons: the ClickHouse operator (and cert-manager) only when Langfuse's ClickHouse is in the cluster. */
export function observabilityAddons(env: Environment, tenants: readonly string[]): HelmAddon[] {
  return [
    ...(env.observability.langfuse.clickhouse ? [] : [CERT_MANAGER, CLICKHOUSE_OPERATOR]),
    kubePrometheusStack(env),
    otelCollector(tenants),
    langfuse(env),
  ];
}
