import type { Model } from '../config/schema/environment.js';
import { PORTS } from '../lib/ports.js';

/** Where the engines keep model weights and scratch files inside the container. */
export const MODEL_CACHE_PATH = '/models';
export const SCRATCH_PATH = '/tmp';

/** How one engine is started: its command, arguments, environment and port. */
export interface EngineRuntime {
  readonly port: number;
  readonly command?: readonly string[];
  readonly args: readonly string[];
  readonly env: readonly { name: string; value: string }[];
}

/** Translates a catalog entry into the engine's own flags and variables. */
export function engineRuntime(model: Model): EngineRuntime {
  return model.engine === 'vllm' ? vllmRuntime(model) : tgiRuntime(model);
}

function vllmRuntime(m: Model): EngineRuntime {
  return {
    port: PORTS.vllm,
    // Explicit, so the image's entrypoint (which changed across vLLM releases) does not matter.
    command: ['vllm', 'serve'],
    args: [
      m.modelId,
      `--served-model-name=${m.name}`,
      '--host=0.0.0.0',
      `--port=${PORTS.vllm}`,
      `--tensor-parallel-size=${m.gpusPerReplica}`,
      `--max-model-len=${m.maxModelLen}`,
      `--gpu-memory-utilization=${m.gpuMemoryUtilization}`,
      `--download-dir=${MODEL_CACHE_PATH}`,
      ...(m.quantization !== 'none' ? [`--quantization=${m.quantization}`] : []),
    ],
    env: [
      { name: 'HF_HOME', value: MODEL_CACHE_PATH },
      { name: 'HOME', value: SCRATCH_PATH },
      { name: 'VLLM_NO_USAGE_STATS', value: '1' },
      { name: 'DO_NOT_TRACK', value: '1' },
    ],
  };
}

function tgiRuntime(m: Model): EngineRuntime {
  const maxInput = m.maxInputLength ?? Math.floor(m.maxModelLen / 2);
  return {
    port: PORTS.tgi,
    args: [],
    env: [
      { name: 'MODEL_ID', value: m.modelId },
      { name: 'NUM_SHARD', value: String(m.gpusPerReplica) },
      { name: 'MAX_INPUT_LENGTH', value: String(maxInput) },
      { name: 'MAX_TOTAL_TOKENS', value: String(m.maxModelLen) },
      // TGI refuses to start when the prefill budget is below the longest input.
      { name: 'MAX_BATCH_PREFILL_TOKENS', value: String(maxInput) },
      ...(m.quantization !== 'none' ? [{ name: 'QUANTIZE', value: m.quantization }] : []),
      { name: 'PORT', value: String(PORTS.tgi) },
      // Kubernetes sets HOSTNAME to the pod name; TGI would bind to that instead of every interface.
      { name: 'HOSTNAME', value: '0.0.0.0' },
      { name: 'HF_HOME', value: MODEL_CACHE_PATH },
      { name: 'HUGGINGFACE_HUB_CACHE', value: MODEL_CACHE_PATH },
      { name: 'HOME', value: SCRATCH_PATH },
    ],
  };
}

/**
 * Seconds a replica may take to start: downloading and loading weights grows with their size. Five minutes
 * for the engine itself, plus 8 s per GiB of GPU memory the model needs (about 130 MiB/s from the hub or EFS).
 */
export function startupBudgetSeconds(model: Model): number {
  return 300 + Math.ceil(model.gpuMemoryGiB * 8);
}

/** The metric a replica's queue shows in Prometheus, filtered to one model. */
export function queueQuery(model: Model, namespace: string): string {
  return model.engine === 'vllm'
    ? `sum(vllm:num_requests_waiting{namespace="${namespace}",model_name="${model.name}"})`
    : `sum(tgi_queue_size{namespace="${namespace}",service="${model.name}"})`;
}

/** Average GPU utilization of the model's primary pods (DCGM exporter, with pod labels honoured). */
export function gpuUtilizationQuery(model: Model, namespace: string): string {
  return `avg(DCGM_FI_DEV_GPU_UTIL{namespace="${namespace}",pod=~"${model.name}-[a-z0-9]+-[a-z0-9]+"})`;
}
