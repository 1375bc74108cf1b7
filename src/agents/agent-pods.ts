import type { ManifestLike, PodTemplate } from '../lib/pod-templates.js';
import { AGENT_NAME_LABEL, AGENT_PORT, KAGENT_V1ALPHA2, KMCP_V1ALPHA1 } from './kagent-names.js';

interface KagentDeployment {
  readonly labels?: Record<string, string>;
  readonly port?: number;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: PodTemplate['spec']['tolerations'];
}

/**
 * The pods kagent will create for the Agents and MCPServers among `objects`, as pod templates: named after the
 * object, labelled `app.kubernetes.io/name: <name>` plus the object's `deployment.labels`, listening on the agent
 * port (agents) or `deployment.port` (MCP servers). The network analysis adds them to its cluster model, so that its
 * reports show what agents and tool servers can reach, although their Deployments exist only in the cluster.
 */
export function kagentPodTemplates(objects: readonly ManifestLike[]): PodTemplate[] {
  return objects.flatMap((o) => {
    const isAgent = o.apiVersion === KAGENT_V1ALPHA2 && o.kind === 'Agent';
    const isMcpServer = o.apiVersion === KMCP_V1ALPHA1 && o.kind === 'MCPServer';
    if (!isAgent && !isMcpServer) return [];
    const spec = o.spec as { declarative?: { deployment?: KagentDeployment }; deployment?: KagentDeployment } | undefined;
    const deployment = (isAgent ? spec?.declarative?.deployment : spec?.deployment) ?? {};
    const name = o.metadata?.name ?? '';
    const namespace = o.metadata?.namespace ?? 'default';
    const port = isAgent ? AGENT_PORT : (deployment.port ?? 3000);
    return [
      {
        owner: `${o.kind} ${namespace}/${name}`,
        kind: o.kind!,
        name,
        namespace,
        labels: { [AGENT_NAME_LABEL]: name, ...deployment.labels },
        spec: {
          containers: [{ name: isAgent ? 'kagent' : 'mcp-server', ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] }],
          ...(deployment.nodeSelector ? { nodeSelector: deployment.nodeSelector } : {}),
          ...(deployment.tolerations ? { tolerations: deployment.tolerations } : {}),
        },
      },
    ];
  });
}
