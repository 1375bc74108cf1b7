import type { GpuPool, Model } from '../config/schema/environment.js';
import { GPU_INSTANCE_TYPES, replicaFits } from '../lib/gpu-instances.js';
import { parseQuantity } from '../lib/quantity.js';

/** What one replica of a model needs from a node. */
export function replicaNeed(model: Model): { gpus: number; gpuMemoryGiB: number; vcpus: number; memoryGiB: number } {
  return { gpus: model.gpusPerReplica, gpuMemoryGiB: model.gpuMemoryGiB, vcpus: parseQuantity(model.cpu), memoryGiB: parseQuantity(model.memory) / 2 ** 30 };
}

/** The instance types of the pool (or of the model's own list) that one replica fits on, in the order given. */
export function fittingInstanceTypes(model: Model, pool: GpuPool): string[] {
  const need = replicaNeed(model);
  return (model.instanceTypes ?? pool.instanceTypes).filter((t) => GPU_INSTANCE_TYPES[t] && replicaFits(GPU_INSTANCE_TYPES[t], need));
}
