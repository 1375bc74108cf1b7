import { Type, type Static } from '@sinclair/typebox';
import { Count, Dns1035Label, DnsLabel, Int, Quantity, Text, withDefault } from './common.js';
import { PINNED_IMAGE_PATTERN, REPO_URL_PATTERN } from '../../lib/k8s-syntax.js';
import { GatewaySettings } from './gateway.js';
import { ObservabilitySettings } from './observability.js';
import { DataSettings } from './data.js';

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
      pattern: '^https://[^\\s/?#]+(/[^\\s?#]*)?$',
      maxLength: 2048,
      description: 'API server URL as registered in Argo CD (https://kubernetes.default.svc for the cluster Argo CD runs in). Argo CD reaches API servers over https only.',
      errorMessage: 'an https:// URL of the API server, such as https://kubernetes.default.svc or https://ABC.gr7.us-west-2.eks.amazonaws.com',
    }),
    karpenterNodeRole: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9+=,.@_-]{1,64}$',
        description: 'IAM role of Karpenter-launched nodes. Default: KarpenterNodeRole-<name>, as the Karpenter getting-started stack names it.',
        errorMessage: 'an IAM role name: 1 to 64 letters, digits and +=,.@_-',
      }),
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
      description: 'Karpenter capacity types the pool may launch. A spot-only pool also taints its nodes karpenter.sh/capacity-type=spot.',
    }),
    instanceTypes: Type.Array(Type.String({ pattern: '^[a-z0-9]+\\.[0-9]*[a-z]+$' }), {
      minItems: 1,
      uniqueItems: true,
      description: 'EC2 GPU instance types, e.g. p5.48xlarge (see src/lib/gpu-instances.ts for the known ones).',
    }),
    gpuLimit: Count('Most GPUs the pool may hold at once (NodePool spec.limits). At least the GPUs of its smallest instance type, or 0 to switch the pool off.'),
    weight: withDefault(Int('Karpenter NodePool weight.', 1, 100), 50),
    consolidationPolicy: withDefault(
      Type.Union([Type.Literal('WhenEmptyOrUnderutilized'), Type.Literal('WhenEmpty')], { description: 'Karpenter disruption.consolidationPolicy.' }),
      'WhenEmptyOrUnderutilized',
    ),
    consolidateAfter: withDefault(
      Type.String({ pattern: '^(([0-9]+(s|m|h))+|Never)$', description: 'Karpenter disruption.consolidateAfter, e.g. 30s.', errorMessage: 'a duration such as 30s, 5m or 1h30m, or Never' }),
      '30s',
    ),
    disruptionBudget: withDefault(
      Type.String({
        pattern: '^((100|[0-9]{1,2})%|[0-9]+)$',
        description: 'Nodes Karpenter may disrupt at once: a count ("2") or a percentage from 0% to 100% ("20%").',
        errorMessage: 'a node count such as "2" or a percentage from "0%" to "100%"',
      }),
      '20%',
    ),
    freeze: Type.Optional(
      Type.Object(
        {
          schedule: Type.String({ minLength: 1, maxLength: 256, description: 'Cron schedule (UTC, five fields: minute hour day-of-month month day-of-week, or @daily etc.) of a window without voluntary disruption, e.g. "0 9 * * 1-5".' }),
          duration: Type.String({
            // Karpenter's budget duration: hours and/or minutes only.
            pattern: '^(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?$',
            description: 'Length of the window in hours and/or minutes, e.g. 8h or 1h30m.',
            errorMessage: 'a duration in hours and minutes such as 8h, 90m or 1h30m',
          }),
        },
        { additionalProperties: false, description: 'No node disruption in this window (business hours).' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ModelCache = Type.Object(
  {
    type: withDefault(
      Type.Union([Type.Literal('node-local'), Type.Literal('shared-pvc')], {
        description: 'node-local: an emptyDir on the node\'s instance-store RAID0 (downloaded per node); shared-pvc: one ReadWriteMany PVC (EFS) for all replicas.',
      }),
      'node-local',
    ),
    size: withDefault(Quantity('Cache size.'), '200Gi'),
    storageClass: withDefault(
      Type.String({
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
        maxLength: 253,
        description: 'StorageClass of the shared PVC (ReadWriteMany, e.g. EFS).',
        errorMessage: 'a StorageClass name: a DNS-1123 subdomain such as efs-sc',
      }),
      'efs-sc',
    ),
  },
  { additionalProperties: false, default: {} },
);

export const Model = Type.Object(
  {
    name: Dns1035Label('Catalog name; tenants list it under models. Also the served model name and the name of its Service, so it starts with a letter; with a canary, <name>-canary must fit 63 characters too.'),
    engine: Type.Union([Type.Literal('vllm'), Type.Literal('tgi')], { description: 'Serving engine.' }),
    image: Type.String({
      pattern: PINNED_IMAGE_PATTERN,
      maxLength: 512,
      description: 'Pinned container image, [registry[:port]/]path:tag or @sha256:digest; the tag must not be latest.',
      errorMessage: 'a pinned image reference: [registry[:port]/]name:tag (not latest) or name@sha256:digest, with a lowercase name',
    }),
    modelId: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?$',
      maxLength: 200,
      description: 'Hugging Face model id, e.g. Qwen/Qwen2.5-7B-Instruct.',
      errorMessage: 'a Hugging Face model id such as Qwen/Qwen2.5-7B-Instruct',
    }),
    gpusPerReplica: Int('GPUs per replica (vLLM tensor parallel size, TGI NUM_SHARD).', 1, 8),
    gpuMemoryGiB: Type.Number({ minimum: 1, maximum: 8 * 1024, description: 'GPU memory one replica needs in total (weights plus KV cache); also sizes the startup budget.' }),
    gpuPool: DnsLabel('gpuPools entry this model runs on.'),
    instanceTypes: Type.Optional(
      Type.Array(Type.String(), { minItems: 1, uniqueItems: true, description: 'Restrict to these instance types of the pool.' }),
    ),
    maxModelLen: withDefault(Int('Context length (vLLM --max-model-len, TGI MAX_TOTAL_TOKENS).', 256, 16 * 1024 * 1024), 8192),
    maxInputLength: Type.Optional(Int('TGI MAX_INPUT_LENGTH. Default: half of maxModelLen.', 1, 16 * 1024 * 1024)),
    quantization: withDefault(
      Type.Union(['none', 'fp8', 'awq', 'gptq', 'bitsandbytes'].map((q) => Type.Literal(q)), { description: 'Weight quantization.' }),
      'none',
    ),
    gpuMemoryUtilization: withDefault(Type.Number({ minimum: 0.5, maximum: 0.98, description: 'vLLM --gpu-memory-utilization.' }), 0.9),
    cpu: withDefault(Quantity('CPU request and limit of one replica.'), '8'),
    memory: withDefault(Quantity('Memory request and limit of one replica.'), '32Gi'),
    shmSize: withDefault(Quantity('Size of /dev/shm (tensor-parallel workers exchange data through it).'), '16Gi'),
    minReplicas: withDefault(Int('Fewest replicas (KEDA minReplicaCount).', 1, 1000), 1),
    maxReplicas: withDefault(Int('Most replicas (KEDA maxReplicaCount).', 1, 1000), 2),
    autoscaling: withDefault(
      Type.Object(
        {
          queueDepth: withDefault(Int('Waiting requests per replica that trigger a scale-up.', 1, 1000000), 5),
          gpuUtilization: withDefault(Int('Average GPU utilization (%) to scale at.', 1, 100), 70),
          activation: withDefault(Int('GPU utilization (%) below which KEDA does not activate.', 0, 100), 50),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    cache: ModelCache,
    gated: withDefault(
      Type.Boolean({ description: 'The model is gated on Hugging Face: its servers need a token (from hfTokenSecret, default hf-token) to download it.' }),
      false,
    ),
    embeddingDimension: Type.Optional(
      Type.Integer({ minimum: 2, maximum: 32768, description: 'Vector size of an embedding model; knowledge bases that embed with it get vectors of this dimension.' }),
    ),
    hfTokenSecret: Type.Optional(
      DnsLabel('Secret in ai-inference whose key "token" holds the Hugging Face token. Only models that set it, or are gated, read one.'),
    ),
    canary: Type.Optional(
      Type.Object(
        {
          image: Type.String({
            pattern: PINNED_IMAGE_PATTERN,
            maxLength: 512,
            description: 'Pinned image of the canary (same form as image).',
            errorMessage: 'a pinned image reference: [registry[:port]/]name:tag (not latest) or name@sha256:digest, with a lowercase name',
          }),
          weight: Int('Share of traffic (%) the gateway sends to the canary.', 1, 50),
        },
        { additionalProperties: false, description: 'A one-replica canary variant with a share of the traffic.' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ArgoCd = Type.Object(
  {
    namespace: withDefault(DnsLabel('Namespace Argo CD runs in.'), 'argocd'),
    repoURL: Type.String({
      pattern: REPO_URL_PATTERN,
      maxLength: 2048,
      description: 'Git URL of this repository, as Argo CD knows it: https://, ssh://, git:// or git@host:org/repo.git.',
      errorMessage: 'a Git repository URL as Argo CD accepts it: https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git',
    }),
    targetRevision: Type.String({
      pattern: '^[^\\s~^:?*\\[\\\\]+$',
      maxLength: 255,
      description: 'Branch, tag or commit Argo CD syncs for this environment.',
      errorMessage: 'a Git branch, tag or commit (no spaces or ~^:?*[\\)',
    }),
  },
  { additionalProperties: false },
);

export const Environment = Type.Object(
  {
    name: DnsLabel('Environment name; must equal the file name without .yaml.'),
    description: withDefault(Text('What this environment is for.', 1024), ''),
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
            Type.String({
              maxLength: 64,
              pattern: '^(?!system:)[^\\s]*$',
              description: 'Prefix the EKS OIDC identity provider config adds to group names (groupsPrefix), e.g. "oidc:". EKS refuses prefixes starting with system:.',
              errorMessage: 'a group prefix without spaces that does not start with system: (EKS reserves it)',
            }),
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
          gpuRootVolume: withDefault(
            Type.Object(
              {
                size: withDefault(Quantity('Root volume size of GPU nodes (images and model caches).'), '500Gi'),
                iops: withDefault(Int('gp3 IOPS.', 3000, 16000), 10000),
                throughputMiBs: withDefault(Int('gp3 throughput in MiB/s.', 125, 1000), 500),
              },
              { additionalProperties: false },
            ),
            {},
          ),
          amiAlias: withDefault(
            Type.String({ pattern: '^(al2023|bottlerocket)@v[0-9.]+$', description: 'Pinned EC2NodeClass AMI alias (al2023@vYYYYMMDD or bottlerocket@vX.Y.Z); never @latest.' }),
            'al2023@v20251103',
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    observability: withDefault(ObservabilitySettings, {}),
    quotas: LayerQuotas,
    containerDefaults: ContainerDefaults,
    capacity: withDefault(
      Type.Object(
        {
          overcommit: withDefault(
            Type.Number({ minimum: 1, maximum: 100, description: 'How far the sum of tenant quotas may exceed what the platform provides.' }),
            1,
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    efs: Type.Optional(
      Type.Object(
        { fileSystemId: Type.String({ pattern: '^fs-[0-9a-f]{8,40}$', description: 'Amazon EFS file system id, e.g. fs-0123456789abcdef0.' }) },
        { additionalProperties: false, description: 'EFS behind the efs-sc StorageClass (shared model caches); installs the EFS CSI driver.' },
      ),
    ),
    gpuPools: withDefault(Type.Array(GpuPool, { description: 'Karpenter GPU NodePools.' }), []),
    models: withDefault(Type.Array(Model, { description: 'Model catalog served in ai-inference.' }), []),
    gateway: GatewaySettings,
    data: DataSettings,
  },
  { additionalProperties: false, $id: 'environment' },
);

export type Environment = Static<typeof Environment>;
export type Cluster = Static<typeof Cluster>;
export type LayerQuota = Static<typeof LayerQuotas>['ai-inference'];
export type Model = Static<typeof Model>;
export type GpuPool = Static<typeof GpuPool>;
export type { GatewaySettings } from './gateway.js';
export type { DataSettings } from './data.js';
