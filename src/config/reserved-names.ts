/** Namespaces the platform and its add-ons own; a tenant may not be named like one of them. */
export const PLATFORM_NAMESPACES = [
  'ai-gateway', 'ai-agents', 'ai-inference', 'ai-data', 'observability',
  'argocd', 'kagent', 'kgateway-system', 'agentgateway-system', 'karpenter', 'keda', 'istio-system',
  'cert-manager', 'gpu-operator', 'gpu-system', 'default',
] as const;

/** Why `name` may not be a tenant name, or undefined when it may. */
export function reservedTenantName(name: string): string | undefined {
  if (/^kube-/.test(name)) return 'names starting with "kube-" are reserved for Kubernetes';
  if (/^ai-/.test(name)) return 'names starting with "ai-" are reserved for platform layers';
  if (/^tenant-/.test(name)) return 'the namespace is already "tenant-<name>"; drop the "tenant-" prefix';
  if ((PLATFORM_NAMESPACES as readonly string[]).includes(name)) return `"${name}" is a platform namespace`;
  return undefined;
}
