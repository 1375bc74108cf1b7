import { Type, type Static } from '@sinclair/typebox';
import { Count, DnsLabel, LabelValue, Quantity, withDefault } from './common.js';

export const TenantQuota = Type.Object(
  {
    // The design's tenant-a numbers (architecture.md, "Resource Allocation per Tenant") are the defaults.
    requestsCpu: withDefault(Quantity('Sum of CPU requests.'), '20'),
    requestsMemory: withDefault(Quantity('Sum of memory requests.'), '40Gi'),
    limitsCpu: withDefault(Quantity('Sum of CPU limits.'), '40'),
    limitsMemory: withDefault(Quantity('Sum of memory limits.'), '80Gi'),
    gpus: withDefault(Count('GPUs (requests.nvidia.com/gpu).'), 4),
    pods: withDefault(Count('Pods.'), 50),
    services: withDefault(Count('Services.'), 10),
    pvcs: withDefault(Count('PersistentVolumeClaims.'), 10),
    storage: withDefault(Quantity('Sum of PVC storage requests.'), '200Gi'),
  },
  { additionalProperties: false, default: {}, description: 'ResourceQuota of the tenant namespace.' },
);

export const Isolation = Type.Object(
  {
    level: withDefault(
      Type.Union([Type.Literal('namespace'), Type.Literal('node'), Type.Literal('cluster')], {
        description: 'namespace: shared nodes; node: a dedicated, tainted NodePool; cluster: its own cluster entry.',
      }),
      'namespace',
    ),
    cluster: Type.Optional(DnsLabel('For level "cluster": the environment cluster dedicated to this tenant.')),
  },
  { additionalProperties: false, default: {} },
);

export const RateLimits = Type.Object(
  {
    requestsPerMinute: withDefault(Type.Integer({ minimum: 1, description: 'Requests per minute at the gateway.' }), 600),
    tokensPerMinute: withDefault(Type.Integer({ minimum: 1, description: 'LLM tokens per minute at the model gateway.' }), 100000),
  },
  { additionalProperties: false, default: {} },
);

/** An A2A skill of an agent (kagent `a2aConfig.skills`): what callers see on its agent card. */
export const AgentSkill = Type.Object(
  {
    id: DnsLabel('Skill id, unique per agent.'),
    name: Type.String({ minLength: 1 }),
    description: withDefault(Type.String(), ''),
    examples: withDefault(Type.Array(Type.String({ minLength: 1 }), { maxItems: 20 }), []),
  },
  { additionalProperties: false },
);

export const Agent = Type.Object(
  {
    name: DnsLabel('Agent name (kagent Agent).'),
    description: withDefault(Type.String(), ''),
    model: DnsLabel('Catalog model the agent uses; must be in this tenant\'s models.'),
    systemPrompt: Type.String({ minLength: 1 }),
    tools: withDefault(Type.Array(DnsLabel('A tool of this tenant.'), { uniqueItems: true }), []),
    knowledgeBases: withDefault(Type.Array(DnsLabel('A knowledge base of this tenant.'), { uniqueItems: true }), []),
    minReplicas: withDefault(Type.Integer({ minimum: 1, description: 'Fewest pods (KEDA minReplicaCount).' }), 1),
    maxReplicas: withDefault(Type.Integer({ minimum: 1, description: 'Most pods (KEDA maxReplicaCount).' }), 3),
    // Agent layer (issue 10): autoscaling target and A2A skills.
    targetCpuUtilization: withDefault(Type.Integer({ minimum: 10, maximum: 100, description: 'CPU utilization (%) the autoscaler keeps pods at.' }), 70),
    targetRequestsPerSecond: withDefault(Type.Number({ exclusiveMinimum: 0, description: 'Requests per second per pod the autoscaler aims for (with the mesh on).' }), 2),
    skills: withDefault(Type.Array(AgentSkill, { description: 'A2A skills on the agent card; default: one skill from the description.' }), []),
  },
  { additionalProperties: false },
);

export const Tool = Type.Object(
  {
    name: DnsLabel('Tool name (an MCP server).'),
    description: withDefault(Type.String(), ''),
    // Agent layer (issue 10): the design's tool types, each an MCP server.
    type: withDefault(
      Type.Union([Type.Literal('api'), Type.Literal('retrieval'), Type.Literal('code')], {
        description: 'api: an existing MCP endpoint (url); retrieval: Milvus search over knowledgeBase; code: a sandboxed code interpreter.',
      }),
      'api',
    ),
    url: Type.Optional(Type.String({ format: 'uri', description: 'type api: URL of an existing MCP server (kagent RemoteMCPServer).' })),
    headersFromSecret: Type.Optional(DnsLabel('type api: Secret (in the tenant namespace) whose keys are sent as headers.')),
    knowledgeBase: Type.Optional(DnsLabel('type retrieval: a knowledge base of this tenant.')),
    toolNames: withDefault(Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true, description: 'MCP tools agents may call; empty: all.' }), []),
    requireApproval: withDefault(
      Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true, description: 'MCP tools that wait for a human to approve each call (the design\'s "human" tool type).' }),
      [],
    ),
  },
  { additionalProperties: false },
);

export const KnowledgeBase = Type.Object(
  {
    name: DnsLabel('Knowledge base name.'),
    collection: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,254}$', description: 'Milvus collection.' }),
    embeddingModel: DnsLabel('Catalog model used for embeddings.'),
    topK: withDefault(Type.Integer({ minimum: 1, maximum: 100, description: 'Documents a search returns.' }), 5),
  },
  { additionalProperties: false },
);

export const AgentRoute = Type.Object(
  { agent: DnsLabel('An agent of this tenant (its Service, port 8080, is the backend).') },
  { additionalProperties: false },
);

export const Tenant = Type.Object(
  {
    name: DnsLabel('Tenant name; must equal the file name without .yaml. The namespace is tenant-<name>.'),
    displayName: Type.String({ minLength: 1, description: 'Human-readable team name.' }),
    costCenter: Type.Optional(LabelValue('Cost center, copied to the cost-center label of every object.')),
    owners: Type.Array(Type.String({ format: 'email' }), { minItems: 1, uniqueItems: true, description: 'Who to ask.' }),
    groups: Type.Object(
      {
        operators: Type.Array(Type.String({ minLength: 1 }), {
          minItems: 1,
          uniqueItems: true,
          description: 'OIDC groups bound to the agent-operator Role.',
        }),
        viewers: withDefault(
          Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true, description: 'OIDC groups bound to agent-viewer.' }),
          [],
        ),
      },
      { additionalProperties: false },
    ),
    environments: Type.Array(DnsLabel('An environment file name.'), {
      minItems: 1,
      uniqueItems: true,
      description: 'Environments the tenant is deployed to.',
    }),
    isolation: Isolation,
    quota: TenantQuota,
    models: withDefault(Type.Array(DnsLabel('A model of the environment catalog.'), { uniqueItems: true }), []),
    rateLimits: RateLimits,
    agents: withDefault(Type.Array(Agent), []),
    tools: withDefault(Type.Array(Tool), []),
    knowledgeBases: withDefault(Type.Array(KnowledgeBase), []),
    routes: withDefault(Type.Array(AgentRoute, { description: 'Agents clients reach through the API gateway, at /tenants/<tenant>/<agent>.' }), []),
  },
  { additionalProperties: false, $id: 'tenant' },
);

export type Tenant = Static<typeof Tenant>;
export type TenantQuota = Static<typeof TenantQuota>;
