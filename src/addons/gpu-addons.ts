import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

/** Namespace of the node-level GPU agents; privileged, since they talk to the driver and the kubelet. */
export const GPU_SYSTEM_NAMESPACE = 'gpu-system';

/** GPU nodes as Karpenter labels them (no Node Feature Discovery needed). */
const ON_NVIDIA_NODES = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] }] }],
    },
  },
};

/** Node agents must run on every GPU node, tainted or not. */
const GPU_NODE_TOLERATIONS = [
  { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'karpenter.sh/capacity-type', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'platform.agentic.io/tenant', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
];

/**
 * NVIDIA device plugin: advertises nvidia.com/gpu on nodes. The EKS AL2023 NVIDIA AMI ships the driver and the
 * container toolkit, so the full GPU Operator is not needed.
 */
export const NVIDIA_DEVICE_PLUGIN: HelmAddon = {
  name: 'nvidia-device-plugin',
  namespace: GPU_SYSTEM_NAMESPACE,
  repoURL: 'https://nvidia.github.io/k8s-device-plugin',
  chart: 'nvidia-device-plugin',
  version: '0.18.2',
  wave: WAVE.addons,
  values: {
    affinity: ON_NVIDIA_NODES,
    tolerations: GPU_NODE_TOLERATIONS,
    priorityClassName: 'system-node-critical',
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  },
};

/** DCGM exporter: GPU utilization and memory metrics per pod, on port 9400; scraped by our own ServiceMonitor. */
export const DCGM_EXPORTER: HelmAddon = {
  name: 'dcgm-exporter',
  namespace: GPU_SYSTEM_NAMESPACE,
  repoURL: 'https://nvidia.github.io/dcgm-exporter/helm-charts',
  chart: 'dcgm-exporter',
  version: '4.8.3',
  wave: WAVE.addons,
  values: {
    affinity: ON_NVIDIA_NODES,
    tolerations: GPU_NODE_TOLERATIONS,
    priorityClassName: 'system-node-critical',
    // The platform's ServiceMonitor (inference chart) is typed and validated; the chart's own is turned off.
    serviceMonitor: { enabled: false },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
  },
};
