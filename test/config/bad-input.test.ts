import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadInput } from '../../src/config/load.js';
import { formatInputError, InputErrors } from '../../src/config/input-error.js';
import { useScratchRepo, writeInput, readInput } from '../support/repo.js';

/** A minimal valid tenant; each case below changes one thing. Line numbers in expectations count from here. */
const TENANT = `name: acme
displayName: Acme
owners: [ops@acme.example]
groups:
  operators: [acme-ops]
environments: [prod]
`;

function errorsOf(root: string): string[] {
  try {
    loadInput(root);
    return [];
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    return e.errors.map(formatInputError);
  }
}

interface Case {
  readonly why: string;
  readonly file: string;
  readonly text: string | ((root: string) => string);
  readonly expected: string;
}

const tenant = (extra: string, base = TENANT) => base + extra;
const replaceIn = (rel: string, from: string | RegExp, to: string) => (root: string) => {
  const text = readInput(root, rel);
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture: ${String(from)} not found in ${rel}`);
  return changed;
};

const CASES: Case[] = [
  { why: 'a word where a count belongs', file: 'tenants/acme.yaml', text: tenant('quota:\n  gpus: four\n'),
    expected: 'tenants/acme.yaml:8:9 quota.gpus: must be an integer >= 0 (got "four")' },
  { why: 'a negative count', file: 'tenants/acme.yaml', text: tenant('quota:\n  pods: -1\n'),
    expected: 'tenants/acme.yaml:8:9 quota.pods: must be an integer >= 0 (got -1)' },
  { why: 'a fractional GPU count', file: 'tenants/acme.yaml', text: tenant('quota:\n  gpus: 1.5\n'),
    expected: 'tenants/acme.yaml:8:9 quota.gpus: must be an integer >= 0 (got 1.5)' },
  { why: 'a typo in a top-level key', file: 'tenants/acme.yaml', text: tenant('quotas:\n  gpus: 1\n'),
    expected: 'tenants/acme.yaml:7:1 quotas: unknown key "quotas"; did you mean "quota"?' },
  { why: 'a typo in a nested key', file: 'tenants/acme.yaml', text: tenant('quota:\n  gpu: 2\n'),
    expected: 'tenants/acme.yaml:8:3 quota.gpu: unknown key "gpu"; did you mean "gpus"?' },
  { why: 'a missing required field', file: 'tenants/acme.yaml', text: TENANT.replace('displayName: Acme\n', ''),
    expected: 'tenants/acme.yaml:1:1 displayName: is required (Human-readable team name.); add it' },
  { why: 'a name that differs from the file name', file: 'tenants/acme.yaml', text: TENANT.replace('name: acme', 'name: acme2'),
    expected: 'tenants/acme.yaml:1:7 name: must equal the file name "acme" (got "acme2"); rename the file or the tenant' },
  { why: 'an upper-case name', file: 'tenants/Acme.yaml', text: TENANT.replace('name: acme', 'name: Acme'),
    expected: 'tenants/Acme.yaml:1:7 name: must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit (got "Acme")' },
  { why: 'a Kubernetes-reserved name', file: 'tenants/kube-lab.yaml', text: TENANT.replace('name: acme', 'name: kube-lab'),
    expected: 'tenants/kube-lab.yaml:1:7 name: "kube-lab" is reserved: names starting with "kube-" are reserved for Kubernetes; choose another name' },
  { why: 'a platform namespace name', file: 'tenants/observability.yaml', text: TENANT.replace('name: acme', 'name: observability'),
    expected: 'tenants/observability.yaml:1:7 name: "observability" is reserved: "observability" is a platform namespace; choose another name' },
  { why: 'the default namespace', file: 'tenants/default.yaml', text: TENANT.replace('name: acme', 'name: default'),
    expected: 'tenants/default.yaml:1:7 name: "default" is reserved: "default" is a platform namespace; choose another name' },
  { why: 'a platform layer prefix', file: 'tenants/ai-lab.yaml', text: TENANT.replace('name: acme', 'name: ai-lab'),
    expected: 'tenants/ai-lab.yaml:1:7 name: "ai-lab" is reserved: names starting with "ai-" are reserved for platform layers; choose another name' },
  { why: 'a redundant tenant- prefix', file: 'tenants/tenant-x.yaml', text: TENANT.replace('name: acme', 'name: tenant-x'),
    expected: 'tenants/tenant-x.yaml:1:7 name: "tenant-x" is reserved: the namespace is already "tenant-<name>"; drop the "tenant-" prefix; choose another name' },
  { why: 'a name whose namespace exceeds 63 characters', file: `tenants/${'a'.repeat(57)}.yaml`, text: TENANT.replace('name: acme', `name: ${'a'.repeat(57)}`),
    expected: `tenants/${'a'.repeat(57)}.yaml:1:7 name: namespace "tenant-${'a'.repeat(57)}" is 64 characters, over Kubernetes' 63; shorten the name to at most 56 characters` },
  { why: 'an unknown environment', file: 'tenants/acme.yaml', text: TENANT.replace('environments: [prod]', 'environments: [prod, staging]'),
    expected: 'tenants/acme.yaml:6:22 environments[1]: no environment "staging" (environments: dev, prod); add environments/staging.yaml or fix the name' },
  { why: 'a model missing from the catalog', file: 'tenants/acme.yaml', text: tenant('models: [gpt-9]\n'),
    expected: 'tenants/acme.yaml:7:10 models[0]: model "gpt-9" is not in the catalog of environment "prod" (models: llama-3-1-70b, qwen-2-5-7b, mixtral-8x7b); add it to environments/prod.yaml or remove it here' },
  { why: 'an isolation level that does not exist', file: 'tenants/acme.yaml', text: tenant('isolation:\n  level: nodes\n'),
    expected: 'tenants/acme.yaml:8:10 isolation.level: must be one of "namespace", "node", "cluster" (got "nodes")' },
  { why: 'cluster isolation without a cluster', file: 'tenants/acme.yaml', text: tenant('isolation:\n  level: cluster\n'),
    expected: 'tenants/acme.yaml:8:3 isolation: level "cluster" needs isolation.cluster: the name of the cluster dedicated to this tenant' },
  { why: 'a cluster on a namespace-isolated tenant', file: 'tenants/acme.yaml', text: tenant('isolation:\n  cluster: ai-prod\n'),
    expected: 'tenants/acme.yaml:8:12 isolation.cluster: only applies to level "cluster" (level is "namespace"); remove it or set level: cluster' },
  { why: 'a duplicate key', file: 'tenants/acme.yaml', text: tenant('displayName: Again\n'),
    expected: 'tenants/acme.yaml:7:1 YAML DUPLICATE_KEY: Map keys must be unique; remove or rename one of the two keys' },
  { why: 'a YAML 1.1 boolean look-alike', file: 'tenants/acme.yaml', text: tenant('costCenter: no\n'),
    expected: 'tenants/acme.yaml:7:13 costCenter: "no" is the boolean false in YAML 1.1 but a string in YAML 1.2; write false for a boolean or "no" (quoted) for text' },
  { why: 'the "on" look-alike', file: 'tenants/acme.yaml', text: tenant('costCenter: on\n'),
    expected: 'tenants/acme.yaml:7:13 costCenter: "on" is the boolean true in YAML 1.1 but a string in YAML 1.2; write true for a boolean or "on" (quoted) for text' },
  { why: 'a YAML 1.1 octal look-alike', file: 'tenants/acme.yaml', text: tenant('quota:\n  pods: 0777\n'),
    expected: 'tenants/acme.yaml:8:9 quota.pods: 0777 is an octal number in YAML 1.1 but decimal 777 in YAML 1.2; write "0777" (quoted) for text, 0o777 for octal or drop the leading zero' },
  { why: 'a YAML 1.1 base-60 look-alike', file: 'tenants/acme.yaml', text: tenant('costCenter: 1:30\n'),
    expected: 'tenants/acme.yaml:7:13 costCenter: 1:30 is a base-60 number in YAML 1.1 but a string in YAML 1.2; quote it ("1:30")' },
  { why: 'an unclosed flow sequence', file: 'tenants/acme.yaml', text: TENANT.replace('owners: [ops@acme.example]', 'owners: [ops@acme.example'),
    expected: 'tenants/acme.yaml:4:1 YAML BAD_INDENT: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the YAML syntax' },
  { why: 'a tab used for indentation', file: 'tenants/acme.yaml', text: TENANT.replace('  operators', '\toperators'),
    expected: 'tenants/acme.yaml:5:1 YAML TAB_AS_INDENT: Tabs are not allowed as indentation; indent with spaces' },
  { why: 'an owner that is not an e-mail address', file: 'tenants/acme.yaml', text: TENANT.replace('ops@acme.example', 'not-an-email'),
    expected: 'tenants/acme.yaml:3:10 owners[0]: must be a valid email (got "not-an-email")' },
  { why: 'no operator group', file: 'tenants/acme.yaml', text: TENANT.replace('[acme-ops]', '[]'),
    expected: 'tenants/acme.yaml:5:14 groups.operators: must be a list of at least 1 item(s) (got [])' },
  { why: 'a quantity that is not one', file: 'tenants/acme.yaml', text: tenant('quota:\n  requestsCpu: lots\n'),
    expected: 'tenants/acme.yaml:8:16 quota.requestsCpu: must be a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti" (got "lots")' },
  { why: 'two agents with one name', file: 'tenants/acme.yaml',
    text: tenant('models: [qwen-2-5-7b]\nagents:\n  - {name: bot, model: qwen-2-5-7b, systemPrompt: hi}\n  - {name: bot, model: qwen-2-5-7b, systemPrompt: hi}\n'),
    expected: 'tenants/acme.yaml:10:12 agents[1].name: agent "bot" is already declared at agents[0]; names must be unique' },
  { why: 'an agent using an undeclared tool', file: 'tenants/acme.yaml',
    text: tenant('models: [qwen-2-5-7b]\nagents:\n  - name: bot\n    model: qwen-2-5-7b\n    systemPrompt: hi\n    tools: [search]\n'),
    expected: 'tenants/acme.yaml:12:13 agents[0].tools[0]: no tool "search" in this tenant (tools: none); declare it under tools' },
  { why: 'an agent using a model the tenant may not use', file: 'tenants/acme.yaml',
    text: tenant('agents:\n  - name: bot\n    model: qwen-2-5-7b\n    systemPrompt: hi\n'),
    expected: 'tenants/acme.yaml:9:12 agents[0].model: model "qwen-2-5-7b" is not in this tenant\'s models (none); add it to models' },
  { why: 'minReplicas above maxReplicas', file: 'tenants/acme.yaml',
    text: tenant('models: [qwen-2-5-7b]\nagents:\n  - {name: bot, model: qwen-2-5-7b, systemPrompt: hi, minReplicas: 5, maxReplicas: 2}\n'),
    expected: 'tenants/acme.yaml:9:68 agents[0].minReplicas: must be <= maxReplicas (5 > 2); lower minReplicas or raise maxReplicas' },
  { why: 'a file that is a list, not a mapping', file: 'tenants/acme.yaml', text: '- name: acme\n',
    expected: 'tenants/acme.yaml:1:1 must be a YAML mapping (key: value lines); see the examples in this folder' },
  { why: 'the .yml extension', file: 'tenants/acme.yml', text: TENANT,
    expected: 'tenants/acme.yml rename to acme.yaml; only .yaml files are read' },
  { why: 'an unquoted account id', file: 'environments/prod.yaml', text: replaceIn('environments/prod.yaml', 'accountId: "111122223333"', 'accountId: 111122223333'),
    expected: 'environments/prod.yaml:6:14 aws.accountId: must be a 12-digit AWS account id, quoted (got 111122223333)' },
  { why: 'an unquoted Kubernetes version (1.30 reads as 1.3)', file: 'environments/prod.yaml', text: replaceIn('environments/prod.yaml', 'kubernetesVersion: "1.33"', 'kubernetesVersion: 1.30'),
    expected: 'environments/prod.yaml:8:20 kubernetesVersion: must be one of "1.31", "1.32", "1.33", "1.34" (got 1.3)' },
  { why: 'a model on a GPU pool that does not exist', file: 'environments/prod.yaml', text: replaceIn('environments/prod.yaml', 'gpuPool: gpu-spot-pool', 'gpuPool: gpu-spot'),
    expected: 'environments/prod.yaml:63:14 models[1].gpuPool: no GPU pool "gpu-spot" in this environment (pools: gpu-inference-pool, gpu-spot-pool); add it under gpuPools or fix the name' },
  { why: 'an environment name that differs from its file', file: 'environments/prod.yaml', text: replaceIn('environments/prod.yaml', 'name: prod', 'name: production'),
    expected: 'environments/prod.yaml:3:7 name: must equal the file name "prod" (got "production"); rename one of them' },
  { why: 'a cluster dedicated to a tenant that does not exist', file: 'environments/prod.yaml',
    text: replaceIn('environments/prod.yaml', 'argocd:\n', '  - name: ai-prod-acme\n    server: https://acme.example:6443\n    dedicatedTo: nobody\nargocd:\n'),
    expected: 'environments/prod.yaml:14:18 clusters[1].dedicatedTo: no tenant "nobody" (tenants: a, b); add tenants/nobody.yaml or fix the name' },
  { why: 'an unpinned model image', file: 'environments/prod.yaml',
    text: replaceIn('environments/prod.yaml', 'image: vllm/vllm-openai:v0.11.0\n    modelId: Qwen', 'image: vllm/vllm-openai:latest\n    modelId: Qwen'),
    expected: 'environments/prod.yaml:59:12 models[1].image: must be a pinned image: name:tag (not latest) or name@sha256:digest (got "vllm/vllm-openai:latest")' },
  { why: 'a model too large for every instance type of its pool', file: 'environments/prod.yaml',
    text: replaceIn('environments/prod.yaml', 'gpuMemoryGiB: 150', 'gpuMemoryGiB: 400'),
    expected: 'environments/prod.yaml:45:21 models[0].gpusPerReplica: one replica (4 GPUs, 400GiB GPU memory, 10 vCPU, 80GiB) fits no instance type of pool "gpu-inference-pool" (p4d.24xlarge: 8 x 40GiB GPU, 96 vCPU, 1152GiB; p5.48xlarge: 8 x 80GiB GPU, 192 vCPU, 2048GiB; the node keeps 1 vCPU and 8GiB); lower the request or add a larger instance type' },
  { why: 'a model instance type its pool does not launch', file: 'environments/prod.yaml',
    text: replaceIn('environments/prod.yaml', 'instanceTypes: [g5.48xlarge, p4d.24xlarge]', 'instanceTypes: [g5.48xlarge, p5e.48xlarge]'),
    expected: 'environments/prod.yaml:78:34 models[2].instanceTypes[1]: "p5e.48xlarge" is not an instance type of pool "gpu-inference-pool" (p4d.24xlarge, p5.48xlarge, g5.48xlarge); add it to the pool or remove it here' },
  { why: 'a model whose memory request no node can hold', file: 'environments/dev.yaml',
    text: replaceIn('environments/dev.yaml', 'memory: 12Gi', 'memory: 300Gi'),
    expected: 'environments/dev.yaml:36:21 models[0].gpusPerReplica: one replica (1 GPUs, 20GiB GPU memory, 4 vCPU, 300GiB) fits no instance type of pool "gpu-spot-pool" (g5.xlarge: 1 x 24GiB GPU, 4 vCPU, 16GiB; g5.2xlarge: 1 x 24GiB GPU, 8 vCPU, 32GiB; g5.12xlarge: 4 x 24GiB GPU, 48 vCPU, 192GiB; the node keeps 1 vCPU and 8GiB); lower the request or add a larger instance type' },
  { why: 'an alias bomb', file: 'tenants/acme.yaml',
    text: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    expected: 'tenants/acme.yaml:1:1 cannot be read: Excessive alias count indicates a resource exhaustion attack; remove the repeated aliases' },
];

describe('bad input files', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  it('covers at least 25 distinct mistakes', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('fails on $why', ({ file, text, expected }) => {
    writeInput(root, file, typeof text === 'function' ? text(root) : text);
    expect(errorsOf(root)).toContain(expected);
  });

  it('reports every error of every file in one run, sorted by file and line', () => {
    writeInput(root, 'tenants/acme.yaml', tenant('quota:\n  gpus: four\n  pods: many\nisolation:\n  level: nodes\n'));
    writeInput(root, 'tenants/zeta.yaml', TENANT.replace('name: acme', 'name: zeta').replace('[prod]', '[qa]'));
    const errors = errorsOf(root);
    expect(errors).toEqual([
      'tenants/acme.yaml:8:9 quota.gpus: must be an integer >= 0 (got "four")',
      'tenants/acme.yaml:9:9 quota.pods: must be an integer >= 0 (got "many")',
      'tenants/acme.yaml:11:10 isolation.level: must be one of "namespace", "node", "cluster" (got "nodes")',
      'tenants/zeta.yaml:6:16 environments[0]: no environment "qa" (environments: dev, prod); add environments/qa.yaml or fix the name',
    ]);
  });

  it('fails when there is no environment at all', () => {
    rmSync(join(root, 'environments'), { recursive: true });
    rmSync(join(root, 'tenants'), { recursive: true });
    expect(errorsOf(root)).toEqual(['environments/ no environment files; add environments/<env>.yaml']);
  });
});
