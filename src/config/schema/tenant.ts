import { Type, type Static } from '@sinclair/typebox';
import { Count, DnsLabel, HttpUrl, Int, LabelValue, Quantity, Text, withDefault } from './common.js';

/**
 * An OIDC group of the tenant, as the identity provider sends it (without the environment's groupPrefix). Not a
 * Kubernetes system: group (system:authenticated is every user of the cluster) and no wildcard.
 */
const Group = Type.String({
  minLength: 1,
  maxLength: 256,
  pattern: '^(?!system:)(?!\\*$)[^\\s](.*[^\\s])?$',
  description: 'An OIDC group of this tenant.',
  errorMessage: 'an OIDC group of this tenant: not a Kubernetes system: group (such as system:authenticated, every user) and without leading or trailing spaces',
});

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
    // The gateway's rate limit counters are 32-bit.
    requestsPerMinute: withDefault(Int('Requests per minute at the gateway.', 1), 600),
    tokensPerMinute: withDefault(Int('LLM tokens per minute at the model gateway.', 1), 100000),
  },
  { additionalProperties: false, default: {} },
);

/** An A2A skill of an agent (kagent `a2aConfig.skills`): what callers see on its agent card. */
export const AgentSkill = Type.Object(
  {
    id: DnsLabel('Skill id, unique per agent.'),
    name: Text('Skill name shown on the agent card.', 256, 1),
    description: withDefault(Text('What the skill does.', 1024), ''),
    examples: withDefault(Type.Array(Text('An example request.', 1024, 1), { maxItems: 20 }), []),
  },
  { additionalProperties: false },
);

export const Agent = Type.Object(
  {
    name: DnsLabel('Agent name (kagent Agent).'),
    description: withDefault(Text('What the agent does.', 1024), ''),
    model: DnsLabel('Catalog model the agent uses; must be in this tenant\'s models.'),
    systemPrompt: Text('The agent\'s system prompt.', 32 * 1024, 1),
    tools: withDefault(Type.Array(DnsLabel('A tool of this tenant.'), { uniqueItems: true }), []),
    knowledgeBases: withDefault(Type.Array(DnsLabel('A knowledge base of this tenant.'), { uniqueItems: true }), []),
    minReplicas: withDefault(Int('Fewest pods (KEDA minReplicaCount).', 1, 1000), 1),
    maxReplicas: withDefault(Int('Most pods (KEDA maxReplicaCount).', 1, 1000), 3),
    // Agent layer (issue 10): autoscaling target and A2A skills.
    targetCpuUtilization: withDefault(Int('CPU utilization (%) the autoscaler keeps pods at.', 10, 100), 70),
    targetRequestsPerSecond: withDefault(
      Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'Requests per second per pod the autoscaler aims for (with the mesh on).' }),
      2,
    ),
    skills: withDefault(Type.Array(AgentSkill, { maxItems: 64, description: 'A2A skills on the agent card; default: one skill from the description.' }), []),
  },
  { additionalProperties: false },
);

export const Tool = Type.Object(
  {
    name: DnsLabel('Tool name (an MCP server).'),
    description: withDefault(Text('What the tool does.', 1024), ''),
    // Agent layer (issue 10): the design's tool types, each an MCP server.
    type: withDefault(
      Type.Union([Type.Literal('api'), Type.Literal('retrieval'), Type.Literal('code')], {
        description: 'api: an existing MCP endpoint (url); retrieval: Milvus search over knowledgeBase; code: a sandboxed code interpreter.',
      }),
      'api',
    ),
    url: Type.Optional(HttpUrl('type api: URL of an existing MCP server (kagent RemoteMCPServer), http:// or https://.')),
    headersFromSecret: Type.Optional(DnsLabel('type api: Secret (in the tenant namespace) whose keys are sent as headers.')),
    knowledgeBase: Type.Optional(DnsLabel('type retrieval: a knowledge base of this tenant.')),
    toolNames: withDefault(Type.Array(Text('An MCP tool name.', 256, 1), { uniqueItems: true, maxItems: 256, description: 'MCP tools agents may call; empty: all.' }), []),
    requireApproval: withDefault(
      Type.Array(Text('An MCP tool name.', 256, 1), { uniqueItems: true, maxItems: 256, description: 'MCP tools that wait for a human to approve each call (the design\'s "human" tool type).' }),
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
    displayName: Text('Human-readable team name.', 256, 1),
    costCenter: Type.Optional(LabelValue('Cost center, copied to the cost-center label of every object.')),
    owners: Type.Array(Type.String({ format: 'email', maxLength: 254 }), { minItems: 1, maxItems: 20, uniqueItems: true, description: 'Who to ask.' }),
    groups: Type.Object(
      {
        operators: Type.Array(Group, {
          minItems: 1,
          uniqueItems: true,
          description: 'OIDC groups bound to the agent-operator Role.',
        }),
        viewers: withDefault(
          Type.Array(Group, { uniqueItems: true, description: 'OIDC groups bound to agent-viewer.' }),
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
    models: withDefault(
      Type.Array(DnsLabel('A model of an environment catalog.'), {
        uniqueItems: true,
        description:
          'Catalog models the tenant may call. Each is granted in every environment of the tenant whose catalog has it, ' +
          'and simply not granted in the others, so a model only prod serves can be listed by a tenant of dev and prod. ' +
          'A model that none of the tenant\'s environments has is an error.',
      }),
      [],
    ),
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
