import { Type, type Static } from '@sinclair/typebox';
import { Count, DnsLabel, Quantity, withDefault } from './common.js';

/** Requests, limits and object counts of one platform namespace. Omitted keys are not limited. */
const LayerQuota = (defaults: Record<string, string | number>) =>
  withDefault(
    Type.Object(
      {
        requestsCpu: Type.Optional(Quantity('Sum of CPU requests (requests.cpu).')),
        requestsMemory: Type.Optional(Quantity('Sum of memory requests (requests.memory).')),
        limitsCpu: Type.Optional(Quantity('Sum of CPU limits (limits.cpu).')),
        limitsMemory: Type.Optional(Quantity('Sum of memory limits (limits.memory).')),
        gpus: Type.Optional(Count('GPUs requested, enforced as requests.nvidia.com/gpu.')),
        pods: Type.Optional(Count('Pods.')),
        services: Type.Optional(Count('Services.')),
        pvcs: Type.Optional(Count('PersistentVolumeClaims.')),
        storage: Type.Optional(Quantity('Sum of PVC storage requests (requests.storage).')),
      },
      { additionalProperties: false },
    ),
    defaults,
  );

export const LayerQuotas = Type.Object(
  {
    // The design's numbers (architecture.md, "Resource Allocation Strategy") are the defaults.
    'ai-inference': LayerQuota({
      requestsCpu: '100', requestsMemory: '500Gi', limitsCpu: '200', limitsMemory: '1Ti', gpus: 32, pvcs: 50,
    }),
    'ai-agents': LayerQuota({ requestsCpu: '50', requestsMemory: '100Gi', limitsCpu: '100', limitsMemory: '200Gi', pods: 200 }),
    'ai-gateway': LayerQuota({ requestsCpu: '20', requestsMemory: '40Gi', limitsCpu: '40', limitsMemory: '80Gi', pods: 100 }),
    'ai-data': LayerQuota({
      requestsCpu: '40', requestsMemory: '160Gi', limitsCpu: '80', limitsMemory: '320Gi', pvcs: 50, storage: '10Ti',
    }),
    observability: LayerQuota({
      requestsCpu: '20', requestsMemory: '64Gi', limitsCpu: '40', limitsMemory: '128Gi', pvcs: 20, storage: '2Ti',
    }),
  },
  { additionalProperties: false, default: {}, description: 'ResourceQuota of each platform namespace.' },
);

export const ContainerDefaults = Type.Object(
  {
    defaultRequestCpu: withDefault(Quantity('CPU request given to a container that sets none.'), '100m'),
    defaultRequestMemory: withDefault(Quantity('Memory request given to a container that sets none.'), '128Mi'),
    defaultLimitCpu: withDefault(Quantity('CPU limit given to a container that sets none.'), '500m'),
    defaultLimitMemory: withDefault(Quantity('Memory limit given to a container that sets none.'), '512Mi'),
  },
  {
    additionalProperties: false,
    default: {},
    description: 'LimitRange defaults, so that pods without requests still count against quotas.',
  },
);

export const Cluster = Type.Object(
  {
    name: DnsLabel('EKS cluster name; also the karpenter.sh/discovery tag value of its subnets and security groups.'),
    server: Type.String({
      format: 'uri',
      description: 'API server URL as registered in Argo CD (https://kubernetes.default.svc for the cluster Argo CD runs in).',
    }),
    karpenterNodeRole: Type.Optional(
      Type.String({ minLength: 1, description: 'IAM role of Karpenter-launched nodes. Default: KarpenterNodeRole-<name>, as the Karpenter getting-started stack names it.' }),
    ),
    dedicatedTo: Type.Optional(
      DnsLabel('Tenant that owns this cluster (isolation level "cluster"); absent for the shared platform cluster.'),
    ),
  },
  { additionalProperties: false },
);

export const GpuPool = Type.Object(
  {
    name: DnsLabel('Karpenter NodePool name.'),
    capacityTypes: Type.Array(Type.Union([Type.Literal('on-demand'), Type.Literal('spot')]), {
      minItems: 1,
      uniqueItems: true,
      description: 'Karpenter capacity types the pool may launch.',
    }),
    instanceTypes: Type.Array(Type.String({ pattern: '^[a-z0-9]+\\.[0-9]*[a-z]+$' }), {
      minItems: 1,
      uniqueItems: true,
      description: 'EC2 GPU instance types, e.g. p5.48xlarge.',
    }),
    gpuLimit: Count('Most GPUs the pool may hold at once (NodePool spec.limits).'),
    weight: withDefault(Type.Integer({ minimum: 1, maximum: 100, description: 'Karpenter NodePool weight.' }), 50),
  },
  { additionalProperties: false },
);

export const Model = Type.Object(
  {
    name: DnsLabel('Catalog name; tenants list it under models.'),
    engine: Type.Union([Type.Literal('vllm'), Type.Literal('tgi')], { description: 'Serving engine.' }),
    image: Type.String({
      pattern: '^[^:@\\s]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$',
      description: 'Pinned container image (a tag other than latest, or a digest).',
    }),
    modelId: Type.String({ minLength: 1, description: 'Hugging Face model id or S3 path.' }),
    gpusPerReplica: Type.Integer({ minimum: 1, maximum: 8, description: 'GPUs per replica (tensor parallel size).' }),
    gpuPool: DnsLabel('gpuPools entry this model runs on.'),
  },
  { additionalProperties: false },
);

export const ArgoCd = Type.Object(
  {
    namespace: withDefault(DnsLabel('Namespace Argo CD runs in.'), 'argocd'),
    repoURL: Type.String({ format: 'uri', description: 'Git URL of this repository, as Argo CD knows it.' }),
    targetRevision: Type.String({ minLength: 1, description: 'Branch, tag or commit Argo CD syncs for this environment.' }),
  },
  { additionalProperties: false },
);

export const Environment = Type.Object(
  {
    name: DnsLabel('Environment name; must equal the file name without .yaml.'),
    description: withDefault(Type.String({ description: 'What this environment is for.' }), ''),
    aws: Type.Object(
      {
        accountId: Type.String({ pattern: '^[0-9]{12}$', description: 'AWS account id.', errorMessage: 'a 12-digit AWS account id, quoted' }),
        region: Type.String({ pattern: '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$', description: 'AWS region, e.g. us-west-2.' }),
      },
      { additionalProperties: false },
    ),
    kubernetesVersion: Type.Union(
      ['1.31', '1.32', '1.33', '1.34'].map((v) => Type.Literal(v)),
      { description: 'EKS Kubernetes minor version (quoted).' },
    ),
    clusters: Type.Array(Cluster, {
      minItems: 1,
      description: 'The shared platform cluster first, then any cluster dedicated to one tenant.',
    }),
    argocd: ArgoCd,
    mesh: withDefault(
      Type.Object(
        { istio: withDefault(Type.Boolean({ description: 'Label namespaces for sidecar injection and enforce STRICT mTLS.' }), true) },
        { additionalProperties: false },
      ),
      {},
    ),
    identity: withDefault(
      Type.Object(
        {
          groupPrefix: withDefault(
            Type.String({ description: 'Prefix the EKS OIDC identity provider config adds to group names (groupsPrefix), e.g. "oidc:".' }),
            '',
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    nodes: withDefault(
      Type.Object(
        {
          amiAlias: withDefault(
            Type.String({ pattern: '^(al2023|bottlerocket)@v[0-9.]+$', description: 'Pinned EC2NodeClass AMI alias (al2023@vYYYYMMDD or bottlerocket@vX.Y.Z); never @latest.' }),
            'al2023@v20251103',
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    quotas: LayerQuotas,
    containerDefaults: ContainerDefaults,
    capacity: withDefault(
      Type.Object(
        {
          overcommit: withDefault(
            Type.Number({ minimum: 1, description: 'How far the sum of tenant quotas may exceed what the platform provides.' }),
            1,
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    gpuPools: withDefault(Type.Array(GpuPool, { description: 'Karpenter GPU NodePools.' }), []),
    models: withDefault(Type.Array(Model, { description: 'Model catalog served in ai-inference.' }), []),
  },
  { additionalProperties: false, $id: 'environment' },
);

export type Environment = Static<typeof Environment>;
export type Cluster = Static<typeof Cluster>;
export type LayerQuota = Static<typeof LayerQuotas>['ai-inference'];
export type Model = Static<typeof Model>;
export type GpuPool = Static<typeof GpuPool>;
