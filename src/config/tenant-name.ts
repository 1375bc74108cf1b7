import { GPU_SYSTEM_NAMESPACE } from '../addons/gpu-addons.js';
import { KEDA_NAMESPACE } from '../addons/keda.js';
import { DNS_LABEL_PATTERN } from '../lib/k8s-syntax.js';
import { PLATFORM_NAMESPACES, tenantNamespace } from '../lib/names.js';

/** Namespaces the platform, its add-ons and the layers to come own; a tenant may not be named like one of them. */
const RESERVED_NAMESPACES: readonly string[] = [
  ...PLATFORM_NAMESPACES,
  GPU_SYSTEM_NAMESPACE,
  KEDA_NAMESPACE,
  'argocd', 'kagent', 'kgateway-system', 'agentgateway-system', 'karpenter', 'istio-system', 'cert-manager', 'gpu-operator', 'default',
];

/** Why `name` may not be a tenant name, with the fix, or undefined when it may. */
export function tenantNameProblem(name: string): string | undefined {
  if (!new RegExp(DNS_LABEL_PATTERN).test(name)) return `"${name}" is not a DNS-1123 label: use lowercase letters, digits and "-"`;
  const namespace = tenantNamespace(name);
  if (namespace.length > 63) {
    return `namespace "${namespace}" is ${namespace.length} characters, over Kubernetes' 63; shorten the name to at most ${63 - 'tenant-'.length} characters`;
  }
  const reserved = reservedBecause(name);
  return reserved ? `"${name}" is reserved: ${reserved}; choose another name` : undefined;
}

function reservedBecause(name: string): string | undefined {
  if (/^kube-/.test(name)) return 'names starting with "kube-" are reserved for Kubernetes';
  if (/^ai-/.test(name)) return 'names starting with "ai-" are reserved for platform layers';
  if (/^tenant-/.test(name)) return 'the namespace is already "tenant-<name>"; drop the "tenant-" prefix';
  if (RESERVED_NAMESPACES.includes(name)) return `"${name}" is a platform namespace`;
  return undefined;
}
