import type { Environment } from '../config/schema/environment.js';
import { PLATFORM_NAMESPACE as NS } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';
import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';
import { DATA_SECRETS, EXTERNAL_SECRETS_NAMESPACE, EXTERNAL_SECRETS_SERVICE_ACCOUNT, MILVUS_SERVICE_ACCOUNT, S3_PREFIX, dataBucket } from '../data/layout.js';
import { tenantValkeyAcl } from '../data/access.js';

/** Pinned versions of the data layer's upstream charts and images. */
export const DATA_VERSIONS = {
  externalSecretsChart: '2.8.0',
  milvusChart: '5.0.19',
  milvus: 'v2.6.15',
  /** Milvus' own etcd build (the chart's etcd sub-chart is Bitnami's chart, run with this non-Bitnami image). */
  milvusEtcd: '3.5.25-r1',
  valkeyChart: '0.11.0',
  valkey: '9.1.1',
} as const;

/** What Milvus' containers accept of the restricted profile: the image runs as root and writes its local caches. */
const MILVUS_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Spread a component's pods over availability zones (and nodes), where the zones allow it. */
const zoneSpread = (matchLabels: Record<string, string>) => [
  { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels } },
  { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels } },
];

/**
 * External Secrets Operator: turns ExternalSecrets into Secrets from AWS Secrets Manager. Its controller's service
 * account gets the platform secrets role through EKS Pod Identity (see the `aws-iam` ConfigMap in ai-data).
 */
export const EXTERNAL_SECRETS: HelmAddon = {
  name: 'external-secrets',
  namespace: EXTERNAL_SECRETS_NAMESPACE,
  repoURL: 'https://charts.external-secrets.io',
  chart: 'external-secrets',
  version: DATA_VERSIONS.externalSecretsChart,
  wave: WAVE.crds,
  crdGroups: ['external-secrets.io', 'generators.external-secrets.io'],
  values: {
    installCRDs: true,
    serviceAccount: { create: true, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT },
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    webhook: { resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } } },
    certController: { resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } } },
  },
};

/** The Milvus Helm release; its Service `milvus` in ai-data is MILVUS_ADDRESS. */
export const MILVUS_RELEASE = 'milvus';

/** Milvus components that run more than one replica get a PodDisruptionBudget (data chart); label `component`. */
export const MILVUS_COMPONENTS = ['proxy', 'querynode', 'datanode', 'streamingnode', 'mixcoord'] as const;

const milvusComponentResources = {
  proxy: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  querynode: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '4', memory: '16Gi' } },
  datanode: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '4', memory: '8Gi' } },
  streamingnode: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '8Gi' } },
  mixcoord: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
};

/**
 * Milvus 2.6 in cluster mode from the milvus-helm chart (not the Milvus Operator: Argo CD renders the chart itself,
 * so the output is plain Deployments and StatefulSets that the repository validates, with no operator CRD or
 * cluster-wide controller to run). Object storage is the environment's bucket under milvus/, reached with the
 * `milvus` service account's Pod Identity role (useIAM: no MinIO, no access keys). The write-ahead log is Woodpecker
 * embedded in the streaming nodes, on the same S3 storage: no Pulsar or Kafka. Authentication is on; users and
 * roles come from the bootstrap Job.
 */
export function milvus(env: Environment): HelmAddon {
  const m = env.data.milvus;
  const matchLabels = (component: string) => ({ 'app.kubernetes.io/instance': MILVUS_RELEASE, component });
  const component = (name: keyof typeof milvusComponentResources, replicas: number) => ({
    replicas,
    resources: milvusComponentResources[name],
    topologySpreadConstraints: zoneSpread(matchLabels(name)),
    containerSecurityContext: MILVUS_CONTAINER_SECURITY,
  });
  return {
    name: MILVUS_RELEASE,
    namespace: NS.data,
    repoURL: 'https://zilliztech.github.io/milvus-helm',
    chart: 'milvus',
    version: DATA_VERSIONS.milvusChart,
    wave: WAVE.dataStores,
    createNamespace: false,
    stateful: true,
    values: {
      cluster: { enabled: true },
      image: { all: { repository: 'milvusdb/milvus', tag: DATA_VERSIONS.milvus } },
      serviceAccount: { create: true, name: MILVUS_SERVICE_ACCOUNT },
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      service: { type: 'ClusterIP', port: PORTS.milvus },
      extraConfigFiles: { 'user.yaml': 'common:\n  security:\n    authorizationEnabled: true\n' },
      proxy: { ...component('proxy', m.proxyReplicas), http: { enabled: true } },
      queryNode: component('querynode', m.queryNodeReplicas),
      dataNode: component('datanode', m.dataNodeReplicas),
      streamingNode: component('streamingnode', m.streamingNodeReplicas),
      mixCoordinator: component('mixcoord', 1),
      indexNode: { enabled: false },
      streaming: { enabled: true, woodpecker: { embedded: true, storage: { type: 'minio' } } },
      woodpecker: { enabled: false },
      minio: { enabled: false },
      pulsar: { enabled: false },
      pulsarv3: { enabled: false },
      kafka: { enabled: false },
      attu: { enabled: false },
      externalS3: {
        enabled: true,
        host: `s3.${env.aws.region}.amazonaws.com`,
        port: '443',
        useSSL: true,
        bucketName: dataBucket(env),
        rootPath: S3_PREFIX.milvus.replace(/\/$/, ''),
        useIAM: true,
        cloudProvider: 'aws',
        region: env.aws.region,
      },
      etcd: {
        replicaCount: m.etcdReplicas,
        image: { registry: 'docker.io', repository: 'milvusdb/etcd', tag: DATA_VERSIONS.milvusEtcd },
        persistence: { enabled: true, size: String(m.etcdStorage) },
        pdb: { create: m.etcdReplicas > 1, minAvailable: '51%' },
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
        topologySpreadConstraints: zoneSpread({ 'app.kubernetes.io/instance': MILVUS_RELEASE, 'app.kubernetes.io/name': 'etcd' }),
        volumePermissions: { enabled: false },
      },
    },
  };
}

/** The Valkey Helm release; its Service `valkey` in ai-data is VALKEY_ADDRESS. */
export const VALKEY_RELEASE = 'valkey';
/** Admin and replication ACL users (passwords in the `valkey-users` Secret, like every user's). */
export const VALKEY_ADMIN_USER = 'default';
export const VALKEY_REPLICATION_USER = 'replicator';

/**
 * Valkey from its official chart (valkey-io/valkey-helm; image valkey/valkey, not Bitnami): a primary and read
 * replicas on PVCs, ACL users (the admin, replication, and one per tenant confined to its key prefix) with passwords
 * from the `valkey-users` Secret, and TLS with the certificate from the `valkey-tls` Secret. None when the
 * environment points at an external store (ElastiCache).
 */
export function valkey(env: Environment, tenants: readonly string[]): HelmAddon | undefined {
  const v = env.data.valkey;
  if (v.external) return undefined;
  const aclUsers: Record<string, { permissions: string }> = {
    [VALKEY_ADMIN_USER]: { permissions: '~* &* +@all' },
    [VALKEY_REPLICATION_USER]: { permissions: '-@all +psync +replconf +ping' },
  };
  for (const t of [...tenants].sort()) {
    const acl = tenantValkeyAcl(t);
    aclUsers[acl.user] = { permissions: acl.permissions };
  }
  const labels = { 'app.kubernetes.io/instance': VALKEY_RELEASE };
  return {
    name: VALKEY_RELEASE,
    namespace: NS.data,
    repoURL: 'https://valkey.io/valkey-helm',
    chart: 'valkey',
    version: DATA_VERSIONS.valkeyChart,
    wave: WAVE.dataStores,
    createNamespace: false,
    stateful: true,
    values: {
      image: { registry: 'docker.io', repository: 'valkey/valkey', tag: DATA_VERSIONS.valkey },
      resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
      initResources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      readinessProbe: { enabled: true },
      dataStorage: { enabled: true, requestedSize: String(v.storage), keepPvc: true },
      auth: { enabled: true, usersExistingSecret: DATA_SECRETS.valkeyUsers, aclUsers },
      tls: { enabled: true, existingSecret: DATA_SECRETS.valkeyTls, serverPublicKey: 'server.crt', serverKey: 'server.key', caPublicKey: 'ca.crt' },
      ...(v.replicas > 0
        ? {
            replica: {
              enabled: true,
              replicas: v.replicas,
              replicationUser: VALKEY_REPLICATION_USER,
              minReplicasToWrite: 1,
              persistence: { size: String(v.storage) },
            },
            podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
          }
        : {}),
      topologySpreadConstraints: zoneSpread(labels),
    },
  };
}

/** The data layer's add-ons of an environment. */
export function dataAddons(env: Environment, tenants: readonly string[]): HelmAddon[] {
  const v = valkey(env, tenants);
  return [EXTERNAL_SECRETS, milvus(env), ...(v ? [v] : [])];
}
