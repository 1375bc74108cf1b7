/** Names the charts agree on. Kubernetes sets kubernetes.io/metadata.name on every namespace; policies select on it. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Platform namespaces, one per layer, as the design names them. */
export const PLATFORM_NAMESPACE = {
  gateway: 'ai-gateway',
  agents: 'ai-agents',
  inference: 'ai-inference',
  data: 'ai-data',
  observability: 'observability',
} as const;

export type PlatformNamespaceName = (typeof PLATFORM_NAMESPACE)[keyof typeof PLATFORM_NAMESPACE];

export const PLATFORM_NAMESPACES: readonly PlatformNamespaceName[] = Object.values(PLATFORM_NAMESPACE);

/** Platform namespaces whose pods get Istio sidecars when the environment turns the mesh on (tenants do too). */
export const MESHED_PLATFORM_NAMESPACES: readonly PlatformNamespaceName[] = [PLATFORM_NAMESPACE.gateway, PLATFORM_NAMESPACE.agents];

/** The namespace of a tenant. */
export function tenantNamespace(tenantName: string): string {
  return `tenant-${tenantName}`;
}
