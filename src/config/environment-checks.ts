import type { InputError } from './input-error.js';
import type { Environment } from './schema/environment.js';
import type { SourcePositions } from './yaml-source.js';
import { GPU_INSTANCE_TYPES } from '../lib/gpu-instances.js';
import { cronProblem } from '../lib/k8s-syntax.js';
import { parseQuantity } from '../lib/quantity.js';
import { variantName } from '../constructs/model-server.js';
import { GPU_SYSTEM_NAMESPACE } from '../addons/gpu-addons.js';
import { KEDA_NAMESPACE } from '../addons/keda.js';
import { PLATFORM_NAMESPACES, tenantNamespace } from '../lib/names.js';

/** Longest IAM role name. */
const IAM_ROLE_MAX = 64;
const DEFAULT_NODE_ROLE_PREFIX = 'KarpenterNodeRole-';
/** The longest prefix of the per-cluster Applications (`platform-<cluster>`, `nodes-<cluster>`). */
const EVERY_CLUSTER_APP_PREFIX = 'platform-';

/**
 * Checks of one environment file that the schema cannot express but the API server, Karpenter or Argo CD would
 * enforce on what we generate from it, each reported at the field that causes it.
 */
export function environmentChecks(source: SourcePositions, env: Environment): InputError[] {
  return [
    ...containerDefaultChecks(source, env),
    ...clusterChecks(source, env),
    ...argoCdChecks(source, env),
    ...rootVolumeChecks(source, env),
    ...poolChecks(source, env),
    ...modelNameChecks(source, env),
  ];
}

/** Argo CD needs a namespace of its own: a platform or tenant namespace gets default-deny policies and quotas. */
function argoCdChecks(source: SourcePositions, env: Environment): InputError[] {
  const ns = env.argocd.namespace;
  const owned = [...PLATFORM_NAMESPACES, GPU_SYSTEM_NAMESPACE, KEDA_NAMESPACE] as readonly string[];
  if (owned.includes(ns)) {
    return [source.errorAt(['argocd', 'namespace'], `"${ns}" is a namespace the platform creates with its own quota and network policies; install Argo CD in a namespace of its own, such as argocd`)];
  }
  if (ns.startsWith(tenantNamespace(''))) {
    return [source.errorAt(['argocd', 'namespace'], `"${ns}" is in the tenant- namespaces; install Argo CD in a namespace of its own, such as argocd`)];
  }
  return [];
}

/** EC2 refuses gp3 volumes over 16 TiB, over 500 IOPS per GiB, or over 0.25 MiB/s per IOPS; Karpenter then launches nothing. */
function rootVolumeChecks(source: SourcePositions, env: Environment): InputError[] {
  const v = env.nodes.gpuRootVolume;
  const gib = parseQuantity(v.size) / 2 ** 30;
  const path = ['nodes', 'gpuRootVolume'];
  const errors: InputError[] = [];
  if (gib < 1 || gib > 16 * 1024) errors.push(source.errorAt([...path, 'size'], `must be from 1Gi to 16Ti for a gp3 volume (got ${v.size})`));
  else if (v.iops > gib * 500) {
    errors.push(source.errorAt([...path, 'iops'], `${v.iops} IOPS need at least ${Math.ceil(v.iops / 500)}Gi (gp3 allows 500 IOPS per GiB; size is ${v.size}); lower iops or raise size`));
  }
  if (v.throughputMiBs > v.iops / 4) {
    errors.push(source.errorAt([...path, 'throughputMiBs'], `${v.throughputMiBs} MiB/s need at least ${v.throughputMiBs * 4} IOPS (gp3 allows 0.25 MiB/s per IOPS; iops is ${v.iops}); lower throughputMiBs or raise iops`));
  }
  return errors;
}

/** The API server rejects a LimitRange whose default request exceeds its default limit. */
function containerDefaultChecks(source: SourcePositions, env: Environment): InputError[] {
  const d = env.containerDefaults;
  const errors: InputError[] = [];
  for (const [what, request, limit] of [
    ['Cpu', d.defaultRequestCpu, d.defaultLimitCpu],
    ['Memory', d.defaultRequestMemory, d.defaultLimitMemory],
  ] as const) {
    if (parseQuantity(request) > parseQuantity(limit)) {
      errors.push(
        source.errorAt(
          ['containerDefaults', `defaultRequest${what}`],
          `must not exceed defaultLimit${what} (${request} > ${limit}); the API server rejects such a LimitRange. Lower the request or raise the limit`,
        ),
      );
    }
  }
  return errors;
}

/** Names derived from a cluster's: the default node role (an IAM role name) and the Applications of a dedicated cluster. */
function clusterChecks(source: SourcePositions, env: Environment): InputError[] {
  const errors: InputError[] = [];
  env.clusters.forEach((c, i) => {
    const role = `${DEFAULT_NODE_ROLE_PREFIX}${c.name}`;
    // A dedicated cluster gets the Applications platform-<cluster> and nodes-<cluster>; Argo CD's label tracking
    // (app.kubernetes.io/instance) needs Application names of at most 63 characters.
    const app = `${EVERY_CLUSTER_APP_PREFIX}${c.name}`;
    if (i > 0 && app.length > 63) {
      errors.push(source.errorAt(['clusters', i, 'name'], `gives the Argo CD Application "${app}" of ${app.length} characters, over the 63 Argo CD's label tracking allows; shorten the name to at most ${63 - EVERY_CLUSTER_APP_PREFIX.length} characters`));
    }
    // Argo CD knows a cluster by its server URL: a second entry with the same URL deploys to the same cluster.
    const first = env.clusters.findIndex((o) => o.server === c.server);
    if (first < i) {
      errors.push(source.errorAt(['clusters', i, 'server'], `is also the server of cluster "${env.clusters[first].name}" (${source.where(['clusters', first, 'server'])}), so both would be one cluster; give each cluster its own API server`));
    }
    if (!c.karpenterNodeRole && role.length > IAM_ROLE_MAX) {
      errors.push(
        source.errorAt(['clusters', i, 'name'], `gives the node role "${role}" of ${role.length} characters, over IAM's ${IAM_ROLE_MAX}; shorten the name to at most ${IAM_ROLE_MAX - DEFAULT_NODE_ROLE_PREFIX.length} characters or set karpenterNodeRole`),
      );
    }
  });
  return errors;
}

/** Karpenter launches no node smaller than the pool's limit allows, and refuses a budget schedule it cannot parse. */
function poolChecks(source: SourcePositions, env: Environment): InputError[] {
  const errors: InputError[] = [];
  env.gpuPools.forEach((pool, i) => {
    const known = pool.instanceTypes.filter((t) => GPU_INSTANCE_TYPES[t]);
    if (known.length > 0 && pool.gpuLimit > 0) {
      const smallest = known.reduce((a, b) => (GPU_INSTANCE_TYPES[b].gpus < GPU_INSTANCE_TYPES[a].gpus ? b : a));
      const gpus = GPU_INSTANCE_TYPES[smallest].gpus;
      if (pool.gpuLimit < gpus) {
        errors.push(
          source.errorAt(['gpuPools', i, 'gpuLimit'], `${pool.gpuLimit} is below the ${gpus} GPUs of the pool's smallest instance type ${smallest}, so Karpenter can never launch a node; raise gpuLimit to at least ${gpus} or add a smaller instance type`),
        );
      }
    }
    if (pool.freeze) {
      const problem = cronProblem(pool.freeze.schedule);
      if (problem) {
        errors.push(source.errorAt(['gpuPools', i, 'freeze', 'schedule'], `"${pool.freeze.schedule}" is not a cron schedule Karpenter accepts: ${problem}; write five fields such as "0 9 * * 1-5"`));
      }
    }
  });
  return errors;
}

/**
 * Every model becomes a Service and Deployment `<model>`, and with a canary also `<model>-canary`: the names must
 * fit a Service name (63 characters) and must not collide with another model's.
 */
function modelNameChecks(source: SourcePositions, env: Environment): InputError[] {
  const errors: InputError[] = [];
  // The first model of each name; a second one is reported as a duplicate elsewhere.
  const modelAt = new Map<string, number>();
  env.models.forEach((m, i) => {
    if (!modelAt.has(m.name)) modelAt.set(m.name, i);
  });
  env.models.forEach((m, i) => {
    if (!m.canary) return;
    const name = variantName(m.name, 'canary');
    if (name.length > 63) {
      errors.push(source.errorAt(['models', i, 'name'], `the canary's Service "${name}" is ${name.length} characters, over Kubernetes' 63; shorten the name to at most ${63 - (name.length - m.name.length)} characters`));
    }
    const other = modelAt.get(name);
    if (other !== undefined) {
      errors.push(
        source.errorAt(['models', other, 'name'], `model "${name}" has the name of the canary of model "${m.name}" (${source.where(['models', i, 'canary'])}); both would be Deployment and Service ${name}. Rename this model or the other one`),
        source.errorAt(['models', i, 'canary'], `the canary of model "${m.name}" is named "${name}", like the model at ${source.where(['models', other, 'name'])}; rename one of the two models`),
      );
    }
  });
  return errors;
}
