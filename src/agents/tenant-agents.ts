import { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { Tenant } from '../config/schema/tenant.js';
import { customResource } from '../gateway/custom-resource.js';
import { AI_GATEWAY_URL } from '../gateway/routing.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';
import { tenantOwnLabels } from '../lib/labels.js';
import { MILVUS_ADDRESS, PROMETHEUS_URL, TENANT_SECRETS, tenantMilvusDatabase } from '../lib/platform-services.js';
import type { TenantPlacement } from '../tenancy/tenant-ref.js';
import { KAGENT_API, KAGENT_V1ALPHA2, KMCP_V1ALPHA1, knowledgeBaseServerName, MCP_SERVER_PATH, MCP_SERVER_PORT, modelConfigName } from './kagent-names.js';
import { MCP_IMAGES } from './mcp-images.js';
import { AGENT_RESOURCES, MCP_SERVER_RESOURCES, READ_ONLY_CONTAINER_SECURITY, RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from './agent-security.js';

/** Label on the pods of code-execution MCP servers: their NetworkPolicy lets agents in and nothing out. */
export const SANDBOX_LABEL = 'platform.agentic.io/sandbox';
/** Header an `api` tool's Secret (key `authorization`) is sent as. */
export const API_TOOL_HEADER = { name: 'Authorization', key: 'authorization' } as const;

export interface TenantAgentsProps {
  readonly tenant: Tenant;
  readonly namespace: string;
  /** Node placement of an isolated tenant: every agent and MCP server pod carries it. @default - shared nodes */
  readonly placement?: TenantPlacement;
  /** Whether the mesh is on: then agents also scale on request rate from Istio's metrics. */
  readonly meshed: boolean;
}

type Tool = Tenant['tools'][number];
type Agent = Tenant['agents'][number];

/**
 * A tenant's agent layer, from its file, all in its namespace and referring only to objects in it:
 * - a ModelConfig per model its agents use, OpenAI-compatible at the AI gateway with the tenant's gateway key;
 * - per `api` tool a RemoteMCPServer (headers from the tool's Secret), per knowledge base an agent can search a kmcp
 *   MCPServer running Milvus search over its collection, per `code` tool a sandboxed MCPServer;
 * - per agent a Declarative Agent (no replica count) and a KEDA ScaledObject on the Deployment kagent creates.
 */
export class TenantAgents extends Construct {
  constructor(scope: Construct, id: string, props: TenantAgentsProps) {
    super(scope, id);
    const { tenant, namespace } = props;
    const labels = tenantOwnLabels(tenant);
    const placement = props.placement ? { nodeSelector: props.placement.nodeSelector, tolerations: [...props.placement.tolerations] } : {};
    const toolByName = new Map(tenant.tools.map((t) => [t.name, t]));

    for (const model of [...new Set(tenant.agents.map((a) => a.model))].sort()) {
      customResource(this, `model-${model}`, KAGENT_V1ALPHA2, 'ModelConfig', { name: modelConfigName(model), namespace }, {
        provider: 'OpenAI',
        model,
        apiKeySecret: TENANT_SECRETS.llmApiKey,
        apiKeySecretKey: 'api-key',
        openAI: { baseUrl: AI_GATEWAY_URL },
      });
    }

    for (const tool of tenant.tools.filter((t) => t.type === 'api')) {
      customResource(this, `tool-${tool.name}`, KAGENT_V1ALPHA2, 'RemoteMCPServer', { name: tool.name, namespace }, {
        description: tool.description || `Tool ${tool.name} of tenant ${tenant.name}`,
        url: tool.url,
        protocol: 'STREAMABLE_HTTP',
        ...(tool.headersFromSecret
          ? { headersFrom: [{ name: API_TOOL_HEADER.name, valueFrom: { type: 'Secret', name: tool.headersFromSecret, key: API_TOOL_HEADER.key } }] }
          : {}),
        allowedNamespaces: { from: 'Same' },
      });
    }

    // One search server per knowledge base that an agent reaches, directly or through a retrieval tool.
    const searched = new Set(
      tenant.agents.flatMap((a) => [
        ...a.knowledgeBases,
        ...a.tools.flatMap((t) => (toolByName.get(t)?.type === 'retrieval' ? [toolByName.get(t)!.knowledgeBase!] : [])),
      ]),
    );
    for (const kb of tenant.knowledgeBases.filter((k) => searched.has(k.name))) {
      this.mcpServer(knowledgeBaseServerName(kb.name), namespace, {
        image: MCP_IMAGES.retrieval,
        env: {
          MILVUS_ADDRESS,
          MILVUS_DATABASE: tenantMilvusDatabase(tenant.name),
          MILVUS_COLLECTION: kb.collection,
          TOP_K: String(kb.topK),
          EMBEDDING_BASE_URL: AI_GATEWAY_URL,
          EMBEDDING_MODEL: kb.embeddingModel,
          MCP_PORT: String(MCP_SERVER_PORT),
          MCP_PATH: MCP_SERVER_PATH,
        },
        secretRefs: [{ name: TENANT_SECRETS.milvus }, { name: TENANT_SECRETS.llmApiKey }],
        labels,
        placement,
      });
    }

    for (const tool of tenant.tools.filter((t) => t.type === 'code')) {
      this.mcpServer(tool.name, namespace, {
        image: MCP_IMAGES.code,
        env: { MCP_PORT: String(MCP_SERVER_PORT), MCP_PATH: MCP_SERVER_PATH },
        secretRefs: [],
        labels: { ...labels, [SANDBOX_LABEL]: 'code' },
        placement,
      });
    }

    for (const agent of tenant.agents) {
      customResource(this, `agent-${agent.name}`, KAGENT_V1ALPHA2, 'Agent', { name: agent.name, namespace }, {
        type: 'Declarative',
        description: agent.description || `Agent ${agent.name} of tenant ${tenant.name}`,
        // Only agents of this namespace may call it as a tool.
        allowedNamespaces: { from: 'Same' },
        declarative: {
          modelConfig: modelConfigName(agent.model),
          systemMessage: agent.systemPrompt,
          stream: true,
          tools: agentTools(agent, toolByName, namespace),
          a2aConfig: { skills: agentSkills(agent) },
          deployment: {
            // No replicas: the HPA that KEDA creates owns the count (kagent leaves it alone when unset).
            resources: AGENT_RESOURCES,
            labels,
            podSecurityContext: RESTRICTED_POD_SECURITY,
            securityContext: RESTRICTED_CONTAINER_SECURITY,
            serviceAccountConfig: { labels },
            ...placement,
          },
        },
      });
      new AgentAutoscaler(this, `scaler-${agent.name}`, { agent, namespace, meshed: props.meshed });
    }
  }

  private mcpServer(
    name: string,
    namespace: string,
    d: { image: string; env: Record<string, string>; secretRefs: { name: string }[]; labels: Record<string, string>; placement: object },
  ) {
    customResource(this, `mcp-${name}`, KMCP_V1ALPHA1, 'MCPServer', { name, namespace }, {
      transportType: 'http',
      httpTransport: { targetPort: MCP_SERVER_PORT, path: MCP_SERVER_PATH },
      deployment: {
        image: d.image,
        port: MCP_SERVER_PORT,
        env: d.env,
        ...(d.secretRefs.length ? { secretRefs: d.secretRefs } : {}),
        resources: MCP_SERVER_RESOURCES,
        labels: d.labels,
        podSecurityContext: RESTRICTED_POD_SECURITY,
        securityContext: READ_ONLY_CONTAINER_SECURITY,
        volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        ...d.placement,
      },
    });
  }
}

/** An agent's tools: every reference is a kagent.dev object of the tenant's own namespace. */
function agentTools(agent: Agent, toolByName: ReadonlyMap<string, Tool>, namespace: string) {
  const ref = (kind: 'RemoteMCPServer' | 'MCPServer', name: string, tool?: Tool) => ({
    type: 'McpServer',
    mcpServer: {
      apiGroup: KAGENT_API,
      kind,
      name,
      namespace,
      ...(tool?.toolNames.length ? { toolNames: tool.toolNames } : {}),
      ...(tool?.requireApproval.length ? { requireApproval: tool.requireApproval } : {}),
    },
  });
  const fromTools = agent.tools.map((name) => {
    const tool = toolByName.get(name)!;
    switch (tool.type) {
      case 'api':
        return ref('RemoteMCPServer', tool.name, tool);
      case 'retrieval':
        return ref('MCPServer', knowledgeBaseServerName(tool.knowledgeBase!), tool);
      case 'code':
        return ref('MCPServer', tool.name, tool);
    }
  });
  const viaTools = new Set(fromTools.map((t) => t.mcpServer.name));
  const fromKnowledgeBases = agent.knowledgeBases
    .map(knowledgeBaseServerName)
    .filter((name) => !viaTools.has(name))
    .map((name) => ref('MCPServer', name));
  return [...fromTools, ...fromKnowledgeBases];
}

/** The agent's A2A skills; an agent that declares none gets one from its description, so its card is never empty. */
function agentSkills(agent: Agent) {
  if (agent.skills.length === 0) {
    return [{ id: agent.name, name: agent.name, description: agent.description || agent.systemPrompt.slice(0, 200) }];
  }
  return agent.skills.map((s) => ({
    id: s.id,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    ...(s.examples.length ? { examples: s.examples } : {}),
  }));
}

interface AgentAutoscalerProps {
  readonly agent: Agent;
  readonly namespace: string;
  readonly meshed: boolean;
}

/**
 * A KEDA ScaledObject on the Deployment kagent creates for an agent (named after the Agent): between the file's
 * minReplicas and maxReplicas, on CPU and, with the mesh on, on the request rate Istio's sidecars report for it.
 * kagent 0.9.12 exports no queue or session metric; requests per second per pod is the closest measure of load.
 */
class AgentAutoscaler extends Construct {
  constructor(scope: Construct, id: string, props: AgentAutoscalerProps) {
    super(scope, id);
    const { agent, namespace } = props;
    const requestRate = `sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="${namespace}",destination_workload="${agent.name}"}[2m]))`;
    const scaledObject: IScaledObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: agent.name, namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: agent.name },
        minReplicaCount: agent.minReplicas,
        maxReplicaCount: agent.maxReplicas,
        pollingInterval: 15,
        cooldownPeriod: 300,
        advanced: {
          horizontalPodAutoscalerConfig: {
            name: agent.name,
            behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } },
          },
        },
        triggers: [
          { type: 'cpu', name: 'cpu', metricType: 'Utilization', metadata: { value: String(agent.targetCpuUtilization) } },
          ...(props.meshed
            ? [
                {
                  type: 'prometheus',
                  name: 'requests',
                  metricType: 'AverageValue' as const,
                  metadata: { serverAddress: PROMETHEUS_URL, query: requestRate, threshold: String(agent.targetRequestsPerSecond) },
                },
              ]
            : []),
        ],
      },
    };
    new ApiObject(this, 'Resource', scaledObject);
  }
}
