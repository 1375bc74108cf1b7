/**
 * EC2 GPU instance types the platform knows: GPUs, memory per GPU, vCPUs and memory, from the EC2 instance type
 * documentation (accelerated computing). Used to prove that every model fits an instance its pool may launch.
 */
export interface GpuInstanceType {
  readonly gpus: number;
  readonly gpuModel: string;
  readonly gpuMemoryGiB: number;
  readonly vcpus: number;
  readonly memoryGiB: number;
}

const t = (gpus: number, gpuModel: string, gpuMemoryGiB: number, vcpus: number, memoryGiB: number): GpuInstanceType => ({
  gpus, gpuModel, gpuMemoryGiB, vcpus, memoryGiB,
});

export const GPU_INSTANCE_TYPES: Readonly<Record<string, GpuInstanceType>> = {
  'g4dn.xlarge': t(1, 'T4', 16, 4, 16), 'g4dn.2xlarge': t(1, 'T4', 16, 8, 32), 'g4dn.4xlarge': t(1, 'T4', 16, 16, 64),
  'g4dn.8xlarge': t(1, 'T4', 16, 32, 128), 'g4dn.16xlarge': t(1, 'T4', 16, 64, 256), 'g4dn.12xlarge': t(4, 'T4', 16, 48, 192),
  'g5.xlarge': t(1, 'A10G', 24, 4, 16), 'g5.2xlarge': t(1, 'A10G', 24, 8, 32), 'g5.4xlarge': t(1, 'A10G', 24, 16, 64),
  'g5.8xlarge': t(1, 'A10G', 24, 32, 128), 'g5.16xlarge': t(1, 'A10G', 24, 64, 256), 'g5.12xlarge': t(4, 'A10G', 24, 48, 192),
  'g5.24xlarge': t(4, 'A10G', 24, 96, 384), 'g5.48xlarge': t(8, 'A10G', 24, 192, 768),
  'g6.xlarge': t(1, 'L4', 24, 4, 16), 'g6.2xlarge': t(1, 'L4', 24, 8, 32), 'g6.4xlarge': t(1, 'L4', 24, 16, 64),
  'g6.8xlarge': t(1, 'L4', 24, 32, 128), 'g6.16xlarge': t(1, 'L4', 24, 64, 256), 'g6.12xlarge': t(4, 'L4', 24, 48, 192),
  'g6.24xlarge': t(4, 'L4', 24, 96, 384), 'g6.48xlarge': t(8, 'L4', 24, 192, 768),
  'g6e.xlarge': t(1, 'L40S', 48, 4, 32), 'g6e.2xlarge': t(1, 'L40S', 48, 8, 64), 'g6e.4xlarge': t(1, 'L40S', 48, 16, 128),
  'g6e.8xlarge': t(1, 'L40S', 48, 32, 256), 'g6e.16xlarge': t(1, 'L40S', 48, 64, 512), 'g6e.12xlarge': t(4, 'L40S', 48, 48, 384),
  'g6e.24xlarge': t(4, 'L40S', 48, 96, 768), 'g6e.48xlarge': t(8, 'L40S', 48, 192, 1536),
  'p4d.24xlarge': t(8, 'A100', 40, 96, 1152), 'p4de.24xlarge': t(8, 'A100', 80, 96, 1152),
  'p5.48xlarge': t(8, 'H100', 80, 192, 2048), 'p5e.48xlarge': t(8, 'H200', 141, 192, 2048), 'p5en.48xlarge': t(8, 'H200', 141, 192, 2048),
};

/** Resources the node itself keeps (kubelet, system daemons, DaemonSets): a conservative share of the instance. */
export const NODE_RESERVED = { vcpus: 1, memoryGiB: 8 } as const;

/** Whether one replica (GPUs, GPU memory in total, CPU and memory requests) fits on an instance of this type. */
export function replicaFits(type: GpuInstanceType, need: { gpus: number; gpuMemoryGiB: number; vcpus: number; memoryGiB: number }): boolean {
  return (
    type.gpus >= need.gpus &&
    type.gpuMemoryGiB * need.gpus >= need.gpuMemoryGiB &&
    type.vcpus - NODE_RESERVED.vcpus >= need.vcpus &&
    type.memoryGiB - NODE_RESERVED.memoryGiB >= need.memoryGiB
  );
}
