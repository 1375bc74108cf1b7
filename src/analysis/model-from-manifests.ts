import { podTemplates, type ManifestLike } from '../lib/pod-templates.js';
import { kagentPodTemplates } from '../agents/agent-pods.js';
import type { ClusterModel, ContainerPort, External, Namespace, Pod, Policy, NetworkPolicySpec } from './cluster-model.js';

/** Addresses outside the pod network that reports and tests consider. */
export const EXTERNALS: readonly External[] = [
  { name: 'internet', ip: '203.0.113.10' },
  // A private address in the VPC, e.g. an RDS database or the EKS API endpoint's ENI.
  { name: 'vpc', ip: '10.255.255.10' },
];

/**
 * CoreDNS as EKS runs it: kube-system has no policies of ours, so it is open; its pods carry k8s-app=kube-dns.
 */
const KUBE_SYSTEM: Namespace = { name: 'kube-system', labels: { 'kubernetes.io/metadata.name': 'kube-system' } };
const COREDNS_PORTS: ContainerPort[] = [
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
];

/**
 * The cluster as its manifests describe it: namespaces (with the kubernetes.io/metadata.name label Kubernetes
 * adds), network policies, and pods. Each namespace gets one "any pod" without labels, standing for pods that
 * controllers create, plus one pod per workload template with its labels and container ports.
 */
export function modelFromManifests(objects: readonly ManifestLike[]): ClusterModel {
  const namespaces: Namespace[] = [KUBE_SYSTEM];
  const policies: Policy[] = [];

  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    if (o.kind === 'Namespace' && o.apiVersion === 'v1') {
      namespaces.push({ name, labels: { ...o.metadata?.labels, 'kubernetes.io/metadata.name': name } });
    } else if (o.kind === 'NetworkPolicy' && o.apiVersion === 'networking.k8s.io/v1') {
      policies.push({ name, namespace: o.metadata?.namespace ?? 'default', spec: o.spec as NetworkPolicySpec });
    }
  }
  // Workloads, and the pods kagent creates for Agents and MCPServers.
  const templates = [...podTemplates(objects), ...kagentPodTemplates(objects)];
  namespaces.sort((a, b) => a.name.localeCompare(b.name));

  const pods: Pod[] = [];
  const ip = () => `10.0.${Math.floor(pods.length / 250)}.${(pods.length % 250) + 1}`;
  for (const ns of namespaces) {
    if (ns.name === 'kube-system') {
      pods.push({ namespace: ns.name, name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ports: COREDNS_PORTS, ip: ip() });
      continue;
    }
    pods.push({ namespace: ns.name, name: '*', labels: {}, ports: [], ip: ip() });
    for (const t of templates.filter((x) => x.namespace === ns.name).sort((a, b) => a.name.localeCompare(b.name))) {
      pods.push({ namespace: ns.name, name: t.name, labels: t.labels, ports: t.spec.containers.flatMap((c) => c.ports ?? []), ip: ip() });
    }
  }
  return { namespaces, pods, policies, externals: EXTERNALS };
}
