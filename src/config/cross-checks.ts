import type { InputError } from './input-error.js';
import { tenantNameProblem } from './tenant-name.js';
import type { Environment, GpuPool, Model } from './schema/environment.js';
import { GPU_INSTANCE_TYPES, NODE_RESERVED } from '../lib/gpu-instances.js';
import { fittingInstanceTypes, replicaNeed } from '../inference/instance-fit.js';
import type { Tenant } from './schema/tenant.js';
import type { SourcePositions } from './yaml-source.js';
import { gatewayChecks } from './gateway-checks.js';
import { EFS_STORAGE_CLASS } from '../addons/storage.js';
import { environmentChecks } from './environment-checks.js';
import { tenantNamespace } from '../lib/names.js';
import { agentChecks } from './agent-checks.js';

/** A schema-valid input file and where it came from. */
export interface Loaded<T> {
  readonly stem: string;
  readonly source: SourcePositions;
  readonly value: T;
}

/** Checks that span files: names, references between tenants and environments, catalog entries. */
export function crossChecks(
  environments: readonly Loaded<Environment>[],
  tenants: readonly Loaded<Tenant>[],
  /** Every tenant file stem, including files that failed the schema, so they are not reported missing too. */
  tenantFiles: ReadonlySet<string>,
  environmentFiles: ReadonlySet<string>,
): InputError[] {
  const errors: InputError[] = [];
  const envByName = new Map(environments.map((e) => [e.value.name, e.value]));
  const tenantNames = tenantFiles;

  for (const { stem, source, value: env } of environments) {
    if (env.name !== stem) errors.push(source.errorAt(['name'], `must equal the file name "${stem}" (got "${env.name}"); rename one of them`));
    errors.push(...duplicates(source, env.clusters.map((c) => c.name), ['clusters'], 'cluster'));
    errors.push(...duplicates(source, env.gpuPools.map((p) => p.name), ['gpuPools'], 'GPU pool'));
    errors.push(...duplicates(source, env.models.map((m) => m.name), ['models'], 'model'));
    if (env.clusters[0]?.dedicatedTo) {
      errors.push(source.errorAt(['clusters', 0, 'dedicatedTo'], 'the first cluster is the shared platform cluster and cannot be dedicated to a tenant; list dedicated clusters after it'));
    }
    env.clusters.forEach((c, i) => {
      if (c.dedicatedTo && !tenantNames.has(c.dedicatedTo)) {
        errors.push(source.errorAt(['clusters', i, 'dedicatedTo'], `no tenant "${c.dedicatedTo}" (tenants: ${[...tenantNames].join(', ') || 'none'}); add tenants/${c.dedicatedTo}.yaml or fix the name`));
      }
      const owner = tenants.find((t) => t.value.name === c.dedicatedTo);
      const uses = owner && owner.value.environments.includes(env.name) && owner.value.isolation.level === 'cluster' && owner.value.isolation.cluster === c.name;
      if (owner && !uses) {
        // Nothing would be deployed to the cluster: the tenant's workloads would silently stay on the shared one.
        errors.push(source.errorAt(['clusters', i, 'dedicatedTo'], `tenant "${owner.value.name}" (${owner.source.where(['isolation'])}) does not run on this cluster in environment "${env.name}"; give it environments including ${env.name} and isolation {level: cluster, cluster: ${c.name}}, or remove dedicatedTo`));
      }
    });
    errors.push(...environmentChecks(source, env));
    errors.push(...storageAndPriceChecks(source, env));
    const pools = env.gpuPools.map((p) => p.name);
    env.gpuPools.forEach((pool, i) => {
      errors.push(...poolNameClash(source, env, pool.name, i, tenants));
      pool.instanceTypes.forEach((type, j) => {
        if (!GPU_INSTANCE_TYPES[type]) {
          errors.push(source.errorAt(['gpuPools', i, 'instanceTypes', j], `"${type}" is not a known GPU instance type (known: ${Object.keys(GPU_INSTANCE_TYPES).join(', ')}); fix it or add it to src/lib/gpu-instances.ts`));
        }
      });
    });
    env.models.forEach((m, i) => {
      const pool = env.gpuPools.find((p) => p.name === m.gpuPool);
      if (!pool) {
        errors.push(source.errorAt(['models', i, 'gpuPool'], `no GPU pool "${m.gpuPool}" in this environment (pools: ${pools.join(', ') || 'none'}); add it under gpuPools or fix the name`));
        return;
      }
      errors.push(...modelChecks(source, m, i, pool));
    });
  }

  for (const { stem, source, value: t } of tenants) {
    if (t.name !== stem) errors.push(source.errorAt(['name'], `must equal the file name "${stem}" (got "${t.name}"); rename the file or the tenant`));
    const nameProblem = tenantNameProblem(t.name);
    if (nameProblem) errors.push(source.errorAt(['name'], nameProblem));
    errors.push(...duplicates(source, t.agents.map((a) => a.name), ['agents'], 'agent'));
    errors.push(...duplicates(source, t.tools.map((a) => a.name), ['tools'], 'tool'));
    errors.push(...duplicates(source, t.knowledgeBases.map((a) => a.name), ['knowledgeBases'], 'knowledge base'));

    t.environments.forEach((envName, i) => {
      const env = envByName.get(envName);
      if (!env && environmentFiles.has(envName)) return; // that file has its own errors
      if (!env) {
        errors.push(source.errorAt(['environments', i], `no environment "${envName}" (environments: ${[...envByName.keys()].join(', ')}); add environments/${envName}.yaml or fix the name`));
        return;
      }
      if (t.isolation.level === 'cluster') {
        const cluster = env.clusters.find((c) => c.name === t.isolation.cluster);
        if (t.isolation.cluster && !cluster) {
          errors.push(source.errorAt(['isolation', 'cluster'], `no cluster "${t.isolation.cluster}" in environment "${env.name}"; add it to its clusters with dedicatedTo: ${t.name}`));
        } else if (cluster && cluster.dedicatedTo !== t.name) {
          errors.push(source.errorAt(['isolation', 'cluster'], `cluster "${cluster.name}" of environment "${env.name}" is not dedicated to this tenant; set its dedicatedTo: ${t.name}`));
        }
      }
    });

    errors.push(...tenantModelChecks(source, t, envByName, environmentFiles));
    errors.push(...groupChecks(source, t, envByName));

    if (t.isolation.level === 'cluster' && !t.isolation.cluster) {
      errors.push(source.errorAt(['isolation'], 'level "cluster" needs isolation.cluster: the name of the cluster dedicated to this tenant'));
    }
    if (t.isolation.level !== 'cluster' && t.isolation.cluster) {
      errors.push(source.errorAt(['isolation', 'cluster'], `only applies to level "cluster" (level is "${t.isolation.level}"); remove it or set level: cluster`));
    }

    const tools = t.tools.map((x) => x.name);
    const kbs = t.knowledgeBases.map((x) => x.name);
    t.agents.forEach((a, i) => {
      if (!t.models.includes(a.model)) {
        errors.push(source.errorAt(['agents', i, 'model'], `model "${a.model}" is not in this tenant's models (${t.models.join(', ') || 'none'}); add it to models`));
      }
      if (a.minReplicas > a.maxReplicas) {
        errors.push(source.errorAt(['agents', i, 'minReplicas'], `must be <= maxReplicas (${a.minReplicas} > ${a.maxReplicas}); lower minReplicas or raise maxReplicas`));
      }
      a.tools.forEach((tool, j) => {
        if (!tools.includes(tool)) errors.push(source.errorAt(['agents', i, 'tools', j], `no tool "${tool}" in this tenant (tools: ${tools.join(', ') || 'none'}); declare it under tools`));
      });
      a.knowledgeBases.forEach((kb, j) => {
        if (!kbs.includes(kb)) errors.push(source.errorAt(['agents', i, 'knowledgeBases', j], `no knowledge base "${kb}" in this tenant (knowledge bases: ${kbs.join(', ') || 'none'}); declare it under knowledgeBases`));
      });
    });
    t.knowledgeBases.forEach((kb, i) => {
      if (!t.models.includes(kb.embeddingModel)) {
        errors.push(source.errorAt(['knowledgeBases', i, 'embeddingModel'], `model "${kb.embeddingModel}" is not in this tenant's models (${t.models.join(', ') || 'none'}); add it to models`));
      }
    });
  }
  errors.push(...gatewayChecks(environments, tenants, tenantFiles));
  errors.push(...agentChecks(tenants));
  errors.push(...embeddingChecks(envByName, tenants));
  return errors;
}

/**
 * A tenant's model is granted in each of its environments whose catalog has it (see the tenant schema); it is an
 * error only when none of them has it. Environments whose files failed to load are not judged.
 */
function tenantModelChecks(source: SourcePositions, t: Tenant, envByName: ReadonlyMap<string, Environment>, environmentFiles: ReadonlySet<string>): InputError[] {
  const envs = t.environments.map((name) => envByName.get(name));
  if (envs.some((e, i) => !e && environmentFiles.has(t.environments[i]))) return [];
  const known = envs.filter((e): e is Environment => e !== undefined);
  if (known.length === 0) return [];
  const errors: InputError[] = [];
  t.models.forEach((m, j) => {
    if (known.some((e) => e.models.some((x) => x.name === m))) return;
    const names = (e: Environment) => e.models.map((x) => x.name).join(', ') || 'none';
    const where =
      known.length === 1
        ? `environment "${known[0].name}" (models: ${names(known[0])})`
        : `any of this tenant's environments (${known.map((e) => `${e.name}: ${names(e)}`).join('; ')})`;
    errors.push(source.errorAt(['models', j], `model "${m}" is not in the catalog of ${where}; add it to an environment's models or remove it here`));
  });
  return errors;
}

/** Kubernetes' own groups, which every user or every node holds; never a tenant's. */
const SYSTEM_GROUP = /^system:/;

/**
 * RoleBindings bind the tenant's own OIDC groups, never a Kubernetes system: group (also not after the
 * environment's groupPrefix is added), which every user or every node of the cluster holds.
 */
function groupChecks(source: SourcePositions, t: Tenant, envByName: ReadonlyMap<string, Environment>): InputError[] {
  const errors: InputError[] = [];
  for (const role of ['operators', 'viewers'] as const) {
    t.groups[role].forEach((g, i) => {
      const prefixed = t.environments.map((e) => `${envByName.get(e)?.identity.groupPrefix ?? ''}${g}`).find((x) => SYSTEM_GROUP.test(x));
      if (prefixed) {
        errors.push(source.errorAt(['groups', role, i], `"${prefixed}" is a Kubernetes system group (system:authenticated is every user of the cluster), not a group of this tenant; use the tenant's own OIDC group`));
      }
    });
  }
  return errors;
}

/** GPU pools share the NodePool names with tenant node pools (`tenant-<name>`), so that prefix is the tenants'. */
function poolNameClash(source: SourcePositions, env: Environment, pool: string, i: number, tenants: readonly Loaded<Tenant>[]): InputError[] {
  if (!pool.startsWith(tenantNamespace(''))) return [];
  const owner = tenants.find((t) => tenantNamespace(t.value.name) === pool && t.value.environments.includes(env.name) && t.value.isolation.level === 'node');
  const clash = owner ? `; it is the NodePool of tenant "${owner.value.name}" (${owner.source.where(['isolation', 'level'])})` : '';
  return [source.errorAt(['gpuPools', i, 'name'], `"${pool}" starts with "tenant-", which names the node pools of tenants with isolation level node${clash}; rename the GPU pool`)];
}

/** A model must fit some instance type its pool may launch, and its numbers must make sense together. */
function modelChecks(source: SourcePositions, m: Model, i: number, pool: GpuPool): InputError[] {
  const errors: InputError[] = [];
  (m.instanceTypes ?? []).forEach((type, j) => {
    if (!pool.instanceTypes.includes(type)) {
      errors.push(source.errorAt(['models', i, 'instanceTypes', j], `"${type}" is not an instance type of pool "${pool.name}" (${pool.instanceTypes.join(', ')}); add it to the pool or remove it here`));
    }
  });
  if (m.minReplicas > m.maxReplicas) {
    errors.push(source.errorAt(['models', i, 'minReplicas'], `must be <= maxReplicas (${m.minReplicas} > ${m.maxReplicas}); lower minReplicas or raise maxReplicas`));
  }
  if (m.maxInputLength !== undefined && m.maxInputLength >= m.maxModelLen) {
    errors.push(source.errorAt(['models', i, 'maxInputLength'], `must be below maxModelLen (${m.maxInputLength} >= ${m.maxModelLen}); TGI needs room for generated tokens`));
  }
  if (m.engine === 'vllm' && m.maxInputLength !== undefined) {
    errors.push(source.errorAt(['models', i, 'maxInputLength'], 'only applies to engine tgi; vLLM limits the whole context with maxModelLen'));
  }
  const candidates = (m.instanceTypes ?? pool.instanceTypes).filter((t) => GPU_INSTANCE_TYPES[t]);
  const need = replicaNeed(m);
  if (candidates.length > 0 && fittingInstanceTypes(m, pool).length === 0) {
    const offered = candidates.map((t) => {
      const x = GPU_INSTANCE_TYPES[t];
      return `${t}: ${x.gpus} x ${x.gpuMemoryGiB}GiB GPU, ${x.vcpus} vCPU, ${x.memoryGiB}GiB`;
    });
    errors.push(source.errorAt(['models', i, 'gpusPerReplica'], `one replica (${m.gpusPerReplica} GPUs, ${m.gpuMemoryGiB}GiB GPU memory, ${need.vcpus} vCPU, ${need.memoryGiB}GiB) fits no instance type of pool "${pool.name}" (${offered.join('; ')}; the node keeps ${NODE_RESERVED.vcpus} vCPU and ${NODE_RESERVED.memoryGiB}GiB); lower the request or add a larger instance type`));
  }
  return errors;
}

function duplicates(source: SourcePositions, names: string[], path: (string | number)[], what: string): InputError[] {
  const errors: InputError[] = [];
  names.forEach((n, i) => {
    const first = names.indexOf(n);
    if (first !== i) errors.push(source.errorAt([...path, i, 'name'], `${what} "${n}" is already declared at ${path.join('.')}[${first}]; names must be unique`));
  });
  return errors;
}

/**
 * A knowledge base's collection is created with its embedding model's vector size: in every environment of the
 * tenant whose catalog has that model, the model must declare `embeddingDimension`.
 */
function embeddingChecks(envByName: ReadonlyMap<string, Environment>, tenants: readonly Loaded<Tenant>[]): InputError[] {
  const errors: InputError[] = [];
  for (const { source, value: t } of tenants) {
    t.knowledgeBases.forEach((kb, i) => {
      const missing = t.environments.filter((e) => {
        const model = envByName.get(e)?.models.find((m) => m.name === kb.embeddingModel);
        return model !== undefined && model.embeddingDimension === undefined;
      });
      if (missing.length > 0) {
        const files = missing.map((e) => `environments/${e}.yaml`).join(', ');
        errors.push(source.errorAt(['knowledgeBases', i, 'embeddingModel'], `model "${kb.embeddingModel}" declares no embeddingDimension in ${files}, so its collection cannot be created; set models[].embeddingDimension there or use an embedding model`));
      }
    });
  }
  return errors;
}

/** References inside an environment file that charts rely on: the EFS file system of efs-sc caches, a CPU price. */
function storageAndPriceChecks(source: SourcePositions, env: Environment): InputError[] {
  const errors: InputError[] = [];
  env.models.forEach((m, i) => {
    if (m.cache.type === 'shared-pvc' && m.cache.storageClass === EFS_STORAGE_CLASS && !env.efs) {
      errors.push(source.errorAt(['models', i, 'cache', 'storageClass'], `model "${m.name}" caches on ${EFS_STORAGE_CLASS}, but efs.fileSystemId is not set; set it to the cluster's EFS file system, or use another cache.storageClass`));
    }
  });
  const cpu = env.observability.cost.cpuInstance;
  if (cpu && env.observability.cost.instancePrices[cpu.type] === undefined) {
    errors.push(source.errorAt(['observability', 'cost', 'cpuInstance', 'type'], `"${cpu.type}" has no price; add it under observability.cost.instancePrices`));
  }
  return errors;
}
