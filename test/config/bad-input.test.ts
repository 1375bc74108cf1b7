import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeInput } from '../support/repo.js';
import { ENV, envPlus, envWith, errorsOf, TENANT, tenantPlus, useFixtureRepo } from './fixture-repo.js';

interface Case {
  readonly why: string;
  readonly file: string;
  readonly text: string;
  /** Other files of the case (path → text), next to environments/prod.yaml. */
  readonly also?: Readonly<Record<string, string>>;
  readonly expected: string;
}

const tenant = tenantPlus;
/** The model fixture with a canary (line 27) and a second model "small-canary" (line 28). */
const CANARY_CLASH = envPlus(`    canary: {image: vllm/vllm-openai:v0.12.0, weight: 10}
  - name: small-canary
    engine: vllm
    image: vllm/vllm-openai:v0.11.0
    modelId: Org/Other
    gpusPerReplica: 1
    gpuMemoryGiB: 20
    gpuPool: gpu-pool
`);
const LONG = 'm'.repeat(57);

const CASES: Case[] = [
  // Schema: types, unknown keys, names.
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
    expected: 'tenants/Acme.yaml:1:7 name: must be a DNS-1123 label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit (got "Acme")' },
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
    expected: 'tenants/acme.yaml:6:22 environments[1]: no environment "staging" (environments: prod); add environments/staging.yaml or fix the name' },
  { why: 'a model missing from the catalog', file: 'tenants/acme.yaml', text: tenant('models: [gpt-9]\n'),
    expected: 'tenants/acme.yaml:7:10 models[0]: model "gpt-9" is not in the catalog of environment "prod" (models: small); add it to an environment\'s models or remove it here' },
  { why: 'an isolation level that does not exist', file: 'tenants/acme.yaml', text: tenant('isolation:\n  level: nodes\n'),
    expected: 'tenants/acme.yaml:8:10 isolation.level: must be one of "namespace", "node", "cluster" (got "nodes")' },
  { why: 'cluster isolation without a cluster', file: 'tenants/acme.yaml', text: tenant('isolation:\n  level: cluster\n'),
    expected: 'tenants/acme.yaml:8:3 isolation: level "cluster" needs isolation.cluster: the name of the cluster dedicated to this tenant' },
  { why: 'a cluster on a namespace-isolated tenant', file: 'tenants/acme.yaml', text: tenant('isolation:\n  cluster: shared\n'),
    expected: 'tenants/acme.yaml:8:12 isolation.cluster: only applies to level "cluster" (level is "namespace"); remove it or set level: cluster' },
  { why: 'an owner that is not an e-mail address', file: 'tenants/acme.yaml', text: TENANT.replace('ops@acme.example', 'not-an-email'),
    expected: 'tenants/acme.yaml:3:10 owners[0]: must be a valid email (got "not-an-email")' },
  { why: 'no operator group', file: 'tenants/acme.yaml', text: TENANT.replace('[acme-ops]', '[]'),
    expected: 'tenants/acme.yaml:5:14 groups.operators: must be a list of at least 1 item(s) (got [])' },
  { why: 'a quantity that is not one', file: 'tenants/acme.yaml', text: tenant('quota:\n  requestsCpu: lots\n'),
    expected: 'tenants/acme.yaml:8:16 quota.requestsCpu: must be a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti" (got "lots")' },
  { why: 'a quantity mixing an exponent and a binary suffix', file: 'tenants/acme.yaml', text: tenant('quota:\n  limitsMemory: 8E-1Ti\n'),
    expected: 'tenants/acme.yaml:8:17 quota.limitsMemory: must be a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti" (got "8E-1Ti")' },
  { why: 'a negative quantity', file: 'tenants/acme.yaml', text: tenant('quota:\n  storage: "-10Gi"\n'),
    expected: 'tenants/acme.yaml:8:12 quota.storage: must be a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti" (got "-10Gi")' },
  { why: 'two agents with one name', file: 'tenants/acme.yaml',
    text: tenant('models: [small]\nagents:\n  - {name: bot, model: small, systemPrompt: hi}\n  - {name: bot, model: small, systemPrompt: hi}\n'),
    expected: 'tenants/acme.yaml:10:12 agents[1].name: agent "bot" is already declared at agents[0]; names must be unique' },
  { why: 'an agent using an undeclared tool', file: 'tenants/acme.yaml',
    text: tenant('models: [small]\nagents:\n  - name: bot\n    model: small\n    systemPrompt: hi\n    tools: [search]\n'),
    expected: 'tenants/acme.yaml:12:13 agents[0].tools[0]: no tool "search" in this tenant (tools: none); declare it under tools' },
  { why: 'an agent using a model the tenant may not use', file: 'tenants/acme.yaml',
    text: tenant('agents:\n  - name: bot\n    model: small\n    systemPrompt: hi\n'),
    expected: 'tenants/acme.yaml:9:12 agents[0].model: model "small" is not in this tenant\'s models (none); add it to models' },
  { why: 'minReplicas above maxReplicas', file: 'tenants/acme.yaml',
    text: tenant('models: [small]\nagents:\n  - {name: bot, model: small, systemPrompt: hi, minReplicas: 5, maxReplicas: 2}\n'),
    expected: 'tenants/acme.yaml:9:62 agents[0].minReplicas: must be <= maxReplicas (5 > 2); lower minReplicas or raise maxReplicas' },
  { why: 'an unquoted account id', file: 'environments/prod.yaml', text: envWith('accountId: "111122223333"', 'accountId: 111122223333'),
    expected: 'environments/prod.yaml:3:14 aws.accountId: must be a 12-digit AWS account id, quoted (got 111122223333)' },
  { why: 'an unquoted Kubernetes version, shown as written (1.30, not 1.3)', file: 'environments/prod.yaml', text: envWith('kubernetesVersion: "1.33"', 'kubernetesVersion: 1.30'),
    expected: 'environments/prod.yaml:5:20 kubernetesVersion: must be one of "1.31", "1.32", "1.33", "1.34" (got 1.30)' },
  { why: 'a model on a GPU pool that does not exist', file: 'environments/prod.yaml', text: envWith('gpuPool: gpu-pool', 'gpuPool: gpu-pol'),
    expected: 'environments/prod.yaml:24:14 models[0].gpuPool: no GPU pool "gpu-pol" in this environment (pools: gpu-pool); add it under gpuPools or fix the name' },
  { why: 'an environment name that differs from its file', file: 'environments/prod.yaml', text: envWith('name: prod', 'name: production'),
    expected: 'environments/prod.yaml:1:7 name: must equal the file name "prod" (got "production"); rename one of them' },
  { why: 'a cluster dedicated to a tenant that does not exist', file: 'environments/prod.yaml',
    text: envWith('argocd:\n', '  - name: dedicated\n    server: https://d.example:6443\n    dedicatedTo: nobody\nargocd:\n'),
    expected: 'environments/prod.yaml:11:18 clusters[1].dedicatedTo: no tenant "nobody" (tenants: none); add tenants/nobody.yaml or fix the name' },
  { why: 'an unpinned model image', file: 'environments/prod.yaml', text: envWith('image: vllm/vllm-openai:v0.11.0', 'image: vllm/vllm-openai:latest'),
    expected: 'environments/prod.yaml:20:12 models[0].image: must be a pinned image reference: [registry[:port]/]name:tag (not latest) or name@sha256:digest, with a lowercase name (got "vllm/vllm-openai:latest")' },
  { why: 'an image without a tag', file: 'environments/prod.yaml', text: envWith('image: vllm/vllm-openai:v0.11.0', 'image: registry.example.com:5000/vllm/vllm-openai'),
    expected: 'environments/prod.yaml:20:12 models[0].image: must be a pinned image reference: [registry[:port]/]name:tag (not latest) or name@sha256:digest, with a lowercase name (got "registry.example.com:5000/vllm/vllm-openai")' },
  { why: 'a model too large for every instance type of its pool', file: 'environments/prod.yaml', text: envWith('gpuMemoryGiB: 20', 'gpuMemoryGiB: 400'),
    expected: 'environments/prod.yaml:22:21 models[0].gpusPerReplica: one replica (1 GPUs, 400GiB GPU memory, 2 vCPU, 8GiB) fits no instance type of pool "gpu-pool" (g5.xlarge: 1 x 24GiB GPU, 4 vCPU, 16GiB; g5.12xlarge: 4 x 24GiB GPU, 48 vCPU, 192GiB; the node keeps 1 vCPU and 8GiB); lower the request or add a larger instance type' },
  { why: 'a model instance type its pool does not launch', file: 'environments/prod.yaml', text: envPlus('    instanceTypes: [g5.xlarge, p5.48xlarge]\n'),
    expected: 'environments/prod.yaml:27:32 models[0].instanceTypes[1]: "p5.48xlarge" is not an instance type of pool "gpu-pool" (g5.xlarge, g5.12xlarge); add it to the pool or remove it here' },

  // YAML: syntax, 1.1 look-alikes, warnings as errors, values the API would not store.
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
  { why: 'a CloudFormation tag the loader does not know', file: 'tenants/acme.yaml', text: tenant('costCenter: !Ref CostCenter\n'),
    expected: 'tenants/acme.yaml:7:13 YAML TAG_RESOLVE_FAILED: Unresolved tag: !Ref; remove the tag: these files are plain YAML, tags such as !Ref are not evaluated' },
  { why: 'another unknown tag, on a list item', file: 'tenants/acme.yaml', text: TENANT.replace('[acme-ops]', '[!Sub "${Team}-ops"]'),
    expected: 'tenants/acme.yaml:5:15 YAML TAG_RESOLVE_FAILED: Unresolved tag: !Sub; remove the tag: these files are plain YAML, tags such as !Ref are not evaluated' },
  { why: 'a NUL character in a value', file: 'tenants/acme.yaml', text: tenant('costCenter: "cc\\0x"\n'),
    expected: 'tenants/acme.yaml:7:13 costCenter: contains the control character U+0000 at position 3, which Kubernetes labels and annotations do not accept; remove it' },
  { why: 'an escape character in free text', file: 'tenants/acme.yaml', text: TENANT.replace('displayName: Acme', 'displayName: "Acme \\e[31m"'),
    expected: 'tenants/acme.yaml:2:14 displayName: contains the control character U+001B at position 6, which Kubernetes labels and annotations do not accept; remove it' },
  { why: 'an unpaired surrogate escape', file: 'tenants/acme.yaml', text: TENANT.replace('displayName: Acme', 'displayName: "Acme \\ud800"'),
    expected: 'tenants/acme.yaml:2:14 displayName: contains an unpaired UTF-16 surrogate (an escape such as "\\ud800"), which is not a character; remove it' },
  { why: 'a number too large for a double (not null)', file: 'tenants/acme.yaml', text: tenant('quota:\n  gpus: 1e309\n'),
    expected: 'tenants/acme.yaml:8:9 quota.gpus: 1e309 is too large for a number (beyond double precision it reads as infinity); write a smaller number' },
  { why: 'an integer that would lose digits', file: 'tenants/acme.yaml', text: tenant('quota:\n  pods: 99999999999999999999\n'),
    expected: 'tenants/acme.yaml:8:9 quota.pods: 99999999999999999999 is too large to be kept exactly (integers above 9007199254740991 lose digits); write a smaller number' },
  { why: 'a not-a-number', file: 'environments/prod.yaml', text: envPlus('capacity:\n  overcommit: .nan\n'),
    expected: 'environments/prod.yaml:28:15 capacity.overcommit: .nan is not a finite number, which JSON and Kubernetes cannot hold; write a number' },
  { why: 'a file that is a list, not a mapping', file: 'tenants/acme.yaml', text: '- name: acme\n',
    expected: 'tenants/acme.yaml:1:1 must be a YAML mapping (key: value lines); see the examples in this folder' },
  { why: 'the .yml extension', file: 'tenants/acme.yml', text: TENANT,
    expected: 'tenants/acme.yml rename to acme.yaml; only .yaml files (lower case) are read, so this one is ignored' },
  { why: 'an upper-case .YAML extension, which would be ignored', file: 'tenants/acme.YAML', text: TENANT,
    expected: 'tenants/acme.YAML rename to acme.yaml; only .yaml files (lower case) are read, so this one is ignored' },
  { why: 'a mixed-case .Yaml extension', file: 'environments/qa.Yaml', text: ENV,
    expected: 'environments/qa.Yaml rename to qa.yaml; only .yaml files (lower case) are read, so this one is ignored' },
  { why: 'an alias bomb', file: 'tenants/acme.yaml',
    text: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    expected: 'tenants/acme.yaml:1:1 cannot be read: Excessive alias count indicates a resource exhaustion attack; remove the repeated aliases' },

  // What Kubernetes, Karpenter, KEDA or Argo CD would reject, caught at the input line.
  { why: 'a default CPU request above the default limit (the API server rejects the LimitRange)', file: 'environments/prod.yaml',
    text: envPlus('containerDefaults:\n  defaultRequestCpu: "2"\n  defaultLimitCpu: 500m\n'),
    expected: 'environments/prod.yaml:28:22 containerDefaults.defaultRequestCpu: must not exceed defaultLimitCpu (2 > 500m); the API server rejects such a LimitRange. Lower the request or raise the limit' },
  { why: 'a default memory request above the schema default limit', file: 'environments/prod.yaml',
    text: envPlus('containerDefaults:\n  defaultRequestMemory: 1Gi\n'),
    expected: 'environments/prod.yaml:28:25 containerDefaults.defaultRequestMemory: must not exceed defaultLimitMemory (1Gi > 512Mi); the API server rejects such a LimitRange. Lower the request or raise the limit' },
  { why: 'a GPU limit below the smallest instance type (Karpenter never launches a node)', file: 'environments/prod.yaml',
    text: envWith('instanceTypes: [g5.xlarge, g5.12xlarge]\n    gpuLimit: 16', 'instanceTypes: [g5.12xlarge]\n    gpuLimit: 2'),
    expected: 'environments/prod.yaml:16:15 gpuPools[0].gpuLimit: 2 is below the 4 GPUs of the pool\'s smallest instance type g5.12xlarge, so Karpenter can never launch a node; raise gpuLimit to at least 4 or add a smaller instance type' },
  { why: 'a GPU limit of 7 on 8-GPU instances', file: 'environments/prod.yaml',
    text: envWith('instanceTypes: [g5.xlarge, g5.12xlarge]\n    gpuLimit: 16', 'instanceTypes: [p4d.24xlarge, p5.48xlarge]\n    gpuLimit: 7'),
    expected: 'environments/prod.yaml:16:15 gpuPools[0].gpuLimit: 7 is below the 8 GPUs of the pool\'s smallest instance type p4d.24xlarge, so Karpenter can never launch a node; raise gpuLimit to at least 8 or add a smaller instance type' },
  { why: 'an API server URL without https://', file: 'environments/prod.yaml', text: envWith('server: https://kubernetes.default.svc', 'server: http://k8s.example:6443'),
    expected: 'environments/prod.yaml:8:13 clusters[0].server: must be an https:// URL of the API server, such as https://kubernetes.default.svc or https://ABC.gr7.us-west-2.eks.amazonaws.com (got "http://k8s.example:6443")' },
  { why: 'an API server given as host:port', file: 'environments/prod.yaml', text: envWith('server: https://kubernetes.default.svc', 'server: k8s.example:6443'),
    expected: 'environments/prod.yaml:8:13 clusters[0].server: must be an https:// URL of the API server, such as https://kubernetes.default.svc or https://ABC.gr7.us-west-2.eks.amazonaws.com (got "k8s.example:6443")' },
  { why: 'a cluster name whose default node role is too long for IAM', file: 'environments/prod.yaml', text: envWith('  - name: shared', `  - name: ${'c'.repeat(50)}`),
    expected: `environments/prod.yaml:7:11 clusters[0].name: gives the node role "KarpenterNodeRole-${'c'.repeat(50)}" of 68 characters, over IAM's 64; shorten the name to at most 46 characters or set karpenterNodeRole` },
  { why: 'a dedicated cluster name too long for its Argo CD Applications', file: 'environments/prod.yaml',
    text: envWith('argocd:\n', `  - name: ${'d'.repeat(60)}\n    server: https://d.example:6443\n    karpenterNodeRole: NodeRole\nargocd:\n`),
    expected: `environments/prod.yaml:9:11 clusters[1].name: gives the Argo CD Application "platform-${'d'.repeat(60)}" of 69 characters, over the 63 Argo CD's label tracking allows; shorten the name to at most 54 characters` },
  { why: 'a dedicated cluster that is the shared cluster under another name', file: 'environments/prod.yaml',
    also: { 'tenants/acme.yaml': tenantPlus('isolation: {level: cluster, cluster: dedicated}\n') },
    text: envWith('argocd:\n', '  - name: dedicated\n    server: https://kubernetes.default.svc\n    dedicatedTo: acme\nargocd:\n'),
    expected: 'environments/prod.yaml:10:13 clusters[1].server: is also the server of cluster "shared" (environments/prod.yaml:8:13), so both would be one cluster; give each cluster its own API server' },
  { why: 'a value larger than an annotation may be', file: 'tenants/acme.yaml', text: TENANT.replace('displayName: Acme', `displayName: ${'x'.repeat(70000)}`),
    expected: 'tenants/acme.yaml:2:14 displayName: is 70000 characters long, over the 65536 a value may have (Kubernetes limits annotations to 256 KiB and objects to 1.5 MiB); shorten it' },
  { why: 'a display name longer than the schema allows', file: 'tenants/acme.yaml', text: TENANT.replace('displayName: Acme', `displayName: ${'x'.repeat(300)}`),
    expected: 'tenants/acme.yaml:2:14 displayName: must be at most 256 characters (got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... (300 characters))' },
  { why: 'a disruption budget above 100%', file: 'environments/prod.yaml', text: envWith('gpuLimit: 16', 'gpuLimit: 16\n    disruptionBudget: "150%"'),
    expected: 'environments/prod.yaml:17:23 gpuPools[0].disruptionBudget: must be a node count such as "2" or a percentage from "0%" to "100%" (got "150%")' },
  { why: 'a fractional disruption budget', file: 'environments/prod.yaml', text: envWith('gpuLimit: 16', 'gpuLimit: 16\n    disruptionBudget: "12.5%"'),
    expected: 'environments/prod.yaml:17:23 gpuPools[0].disruptionBudget: must be a node count such as "2" or a percentage from "0%" to "100%" (got "12.5%")' },
  { why: 'a freeze schedule with hour 25', file: 'environments/prod.yaml', text: envWith('gpuLimit: 16', 'gpuLimit: 16\n    freeze: { schedule: "0 25 * * 1-5", duration: 8h }'),
    expected: 'environments/prod.yaml:17:25 gpuPools[0].freeze.schedule: "0 25 * * 1-5" is not a cron schedule Karpenter accepts: hour "25" is not valid (0-23, *, ranges a-b, steps /n, lists a,b); write five fields such as "0 9 * * 1-5"' },
  { why: 'a freeze schedule in words', file: 'environments/prod.yaml', text: envWith('gpuLimit: 16', 'gpuLimit: 16\n    freeze: { schedule: "weekdays 9 to 5", duration: 8h }'),
    expected: 'environments/prod.yaml:17:25 gpuPools[0].freeze.schedule: "weekdays 9 to 5" is not a cron schedule Karpenter accepts: has 4 field(s), not 5 (minute hour day-of-month month day-of-week); write five fields such as "0 9 * * 1-5"' },
  { why: 'a freeze schedule with a backwards range', file: 'environments/prod.yaml', text: envWith('gpuLimit: 16', 'gpuLimit: 16\n    freeze: { schedule: "0 9 * * FRI-MON", duration: 8h }'),
    expected: 'environments/prod.yaml:17:25 gpuPools[0].freeze.schedule: "0 9 * * FRI-MON" is not a cron schedule Karpenter accepts: day-of-week "FRI-MON" is not valid (0-6 or SUN-SAT, *, ranges a-b, steps /n, lists a,b); write five fields such as "0 9 * * 1-5"' },
  { why: 'a freeze duration in seconds (Karpenter budgets take hours and minutes)', file: 'environments/prod.yaml', text: envWith('gpuLimit: 16', 'gpuLimit: 16\n    freeze: { schedule: "0 9 * * 1-5", duration: 30s }'),
    expected: 'environments/prod.yaml:17:50 gpuPools[0].freeze.duration: must be a duration in hours and minutes such as 8h, 90m or 1h30m (got "30s")' },
  { why: 'a model name that is no Service name (starts with a digit)', file: 'environments/prod.yaml', text: envWith('  - name: small', '  - name: 7b-small'),
    expected: 'environments/prod.yaml:18:11 models[0].name: must be a DNS-1035 label of at most 63 characters: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (got "7b-small")' },
  { why: 'a model whose canary Service name exceeds 63 characters', file: 'environments/prod.yaml',
    text: envWith('  - name: small', `  - name: ${LONG}`, envPlus('    canary: {image: vllm/vllm-openai:v0.12.0, weight: 10}\n')),
    expected: `environments/prod.yaml:18:11 models[0].name: the canary's Service "${LONG}-canary" is 64 characters, over Kubernetes' 63; shorten the name to at most 56 characters` },
  { why: 'a model named like another model\'s canary (at the model)', file: 'environments/prod.yaml', text: CANARY_CLASH,
    expected: 'environments/prod.yaml:28:11 models[1].name: model "small-canary" has the name of the canary of model "small" (environments/prod.yaml:27:13); both would be Deployment and Service small-canary. Rename this model or the other one' },
  { why: 'a model named like another model\'s canary (at the canary)', file: 'environments/prod.yaml', text: CANARY_CLASH,
    expected: 'environments/prod.yaml:27:13 models[0].canary: the canary of model "small" is named "small-canary", like the model at environments/prod.yaml:28:11; rename one of the two models' },
  { why: 'a GPU pool named like the node pool of a node-isolated tenant', file: 'environments/prod.yaml',
    text: envWith('gpuPool: gpu-pool', 'gpuPool: tenant-acme', envWith('  - name: gpu-pool', '  - name: tenant-acme')),
    also: { 'tenants/acme.yaml': tenant('isolation:\n  level: node\n') },
    expected: 'environments/prod.yaml:13:11 gpuPools[0].name: "tenant-acme" starts with "tenant-", which names the node pools of tenants with isolation level node; it is the NodePool of tenant "acme" (tenants/acme.yaml:8:10); rename the GPU pool' },
  { why: 'a GPU pool in the tenants\' name space', file: 'environments/prod.yaml',
    text: envWith('gpuPool: gpu-pool', 'gpuPool: tenant-pool', envWith('  - name: gpu-pool', '  - name: tenant-pool')),
    expected: 'environments/prod.yaml:13:11 gpuPools[0].name: "tenant-pool" starts with "tenant-", which names the node pools of tenants with isolation level node; rename the GPU pool' },
  { why: 'tokens per minute beyond a 32-bit counter', file: 'tenants/acme.yaml', text: tenant('rateLimits:\n  tokensPerMinute: 3000000000\n'),
    expected: 'tenants/acme.yaml:8:20 rateLimits.tokensPerMinute: must be at most 2147483647 (got 3000000000)' },
  { why: 'requests per minute beyond a 32-bit counter, written as 1e10', file: 'tenants/acme.yaml', text: tenant('rateLimits:\n  requestsPerMinute: 1e10\n'),
    expected: 'tenants/acme.yaml:8:22 rateLimits.requestsPerMinute: must be at most 2147483647 (got 1e10)' },
  { why: 'more model replicas than KEDA is given', file: 'environments/prod.yaml', text: envPlus('    maxReplicas: 5000\n'),
    expected: 'environments/prod.yaml:27:18 models[0].maxReplicas: must be at most 1000 (got 5000)' },
  { why: 'a quota count beyond int32', file: 'tenants/acme.yaml', text: tenant('quota:\n  pods: 4294967296\n'),
    expected: 'tenants/acme.yaml:8:9 quota.pods: must be at most 2147483647 (got 4294967296)' },
  { why: 'a tool URL that is not http(s)', file: 'tenants/acme.yaml', text: tenant('tools:\n  - {name: search, url: "ftp://x.example/mcp"}\n'),
    expected: 'tenants/acme.yaml:8:25 tools[0].url: must be an http:// or https:// URL with a host (got "ftp://x.example/mcp")' },
  { why: 'a tool URL without a scheme', file: 'tenants/acme.yaml', text: tenant('tools:\n  - {name: search, url: "mcp.example:8080"}\n'),
    expected: 'tenants/acme.yaml:8:25 tools[0].url: must be an http:// or https:// URL with a host (got "mcp.example:8080")' },
  { why: 'a Prometheus URL without a scheme', file: 'environments/prod.yaml', text: envPlus('observability:\n  prometheusUrl: prometheus:9090\n'),
    expected: 'environments/prod.yaml:28:18 observability.prometheusUrl: must be an http:// or https:// URL with a host (got "prometheus:9090")' },
  { why: 'a repository URL Argo CD does not accept', file: 'environments/prod.yaml', text: envWith('repoURL: https://git.example.com/org/platform.git', 'repoURL: git.example.com/org/platform'),
    expected: 'environments/prod.yaml:10:12 argocd.repoURL: must be a Git repository URL as Argo CD accepts it: https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git (got "git.example.com/org/platform")' },

  { why: 'a quantity beyond what prints as a plain number', file: 'tenants/acme.yaml', text: tenant('quota:\n  requestsCpu: 1e22\n'),
    expected: 'tenants/acme.yaml:8:16 quota.requestsCpu: must be a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti" (got 1e22)' },
  { why: 'a gp3 throughput the IOPS do not allow', file: 'environments/prod.yaml', text: envPlus('nodes:\n  gpuRootVolume: {iops: 3000, throughputMiBs: 1000}\n'),
    expected: 'environments/prod.yaml:28:47 nodes.gpuRootVolume.throughputMiBs: 1000 MiB/s need at least 4000 IOPS (gp3 allows 0.25 MiB/s per IOPS; iops is 3000); lower throughputMiBs or raise iops' },
  { why: 'gp3 IOPS too many for the volume size', file: 'environments/prod.yaml', text: envPlus('nodes:\n  gpuRootVolume: {size: 20Gi, iops: 16000}\n'),
    expected: 'environments/prod.yaml:28:37 nodes.gpuRootVolume.iops: 16000 IOPS need at least 32Gi (gp3 allows 500 IOPS per GiB; size is 20Gi); lower iops or raise size' },
  { why: 'Argo CD in a platform namespace', file: 'environments/prod.yaml', text: envWith('  targetRevision: main\n', '  targetRevision: main\n  namespace: ai-gateway\n'),
    expected: 'environments/prod.yaml:12:14 argocd.namespace: "ai-gateway" is a namespace the platform creates with its own quota and network policies; install Argo CD in a namespace of its own, such as argocd' },
  { why: 'a dedicated cluster its tenant does not use (the tenant would stay on the shared cluster)', file: 'environments/prod.yaml',
    text: envWith('argocd:\n', '  - name: dedicated\n    server: https://d.example:6443\n    dedicatedTo: acme\nargocd:\n'),
    also: { 'tenants/acme.yaml': TENANT },
    expected: 'environments/prod.yaml:11:18 clusters[1].dedicatedTo: tenant "acme" (tenants/acme.yaml:1:1) does not run on this cluster in environment "prod"; give it environments including prod and isolation {level: cluster, cluster: dedicated}, or remove dedicatedTo' },

  // Identities that are not the tenant's own.
  { why: 'every user of the cluster as operators', file: 'tenants/acme.yaml', text: TENANT.replace('[acme-ops]', '[system:authenticated]'),
    expected: 'tenants/acme.yaml:5:15 groups.operators[0]: must be an OIDC group of this tenant: not a Kubernetes system: group (such as system:authenticated, every user) and without leading or trailing spaces (got "system:authenticated")' },
  { why: 'cluster admins as viewers', file: 'tenants/acme.yaml', text: TENANT.replace('  operators: [acme-ops]\n', '  operators: [acme-ops]\n  viewers: [acme-view, "system:masters"]\n'),
    expected: 'tenants/acme.yaml:6:24 groups.viewers[1]: must be an OIDC group of this tenant: not a Kubernetes system: group (such as system:authenticated, every user) and without leading or trailing spaces (got "system:masters")' },
  { why: 'a system group made by the environment\'s group prefix', file: 'tenants/acme.yaml', text: TENANT.replace('[acme-ops]', '["tem:masters"]'),
    also: { 'environments/prod.yaml': envPlus('identity:\n  groupPrefix: "sys"\n') },
    expected: 'tenants/acme.yaml:5:15 groups.operators[0]: "system:masters" is a Kubernetes system group (system:authenticated is every user of the cluster), not a group of this tenant; use the tenant\'s own OIDC group' },
  { why: 'a group prefix in the system: space', file: 'environments/prod.yaml', text: envPlus('identity:\n  groupPrefix: "system:"\n'),
    expected: 'environments/prod.yaml:28:16 identity.groupPrefix: must be a group prefix without spaces that does not start with system: (EKS reserves it) (got "system:")' },

  // Capacity a single tenant cannot have: the tenant file's mistake.
  { why: 'a tenant asking for more GPUs than the environment\'s pools hold', file: 'tenants/acme.yaml', text: tenant('quota:\n  gpus: 100\n'),
    expected: 'tenants/acme.yaml:8:9 quota.gpus: 100 is more than the GPU pools of environment "prod" hold (gpu-pool 16): at most 16; lower it, or ask for more capacity in environments/prod.yaml' },
  { why: 'a tenant asking for more CPU than ai-agents allows, with overcommit', file: 'tenants/acme.yaml', text: tenant('quota:\n  requestsCpu: "120"\n'),
    also: { 'environments/prod.yaml': envPlus('capacity:\n  overcommit: 2\n') },
    expected: 'tenants/acme.yaml:8:16 quota.requestsCpu: 120 is more than the ai-agents requestsCpu of environment "prod" allows: at most 100 (50 x overcommit 2); lower it, or ask for more capacity in environments/prod.yaml' },
];

describe('bad input files', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));

  it('covers at least 80 distinct mistakes', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES)('fails on $why', ({ file, text, also, expected }) => {
    for (const [f, t] of Object.entries(also ?? {})) writeInput(root, f, t);
    writeInput(root, file, text);
    expect(errorsOf(root)).toContain(expected);
  });

  it('reports every error of every file in one run, sorted by file and line', () => {
    writeInput(root, 'tenants/acme.yaml', tenant('quota:\n  gpus: four\n  pods: many\nisolation:\n  level: nodes\n'));
    writeInput(root, 'tenants/zeta.yaml', TENANT.replace('name: acme', 'name: zeta').replace('[prod]', '[qa]'));
    writeInput(root, 'environments/prod.yaml', envPlus('containerDefaults:\n  defaultRequestCpu: "2"\n  defaultLimitCpu: 500m\n'));
    expect(errorsOf(root)).toEqual([
      'environments/prod.yaml:28:22 containerDefaults.defaultRequestCpu: must not exceed defaultLimitCpu (2 > 500m); the API server rejects such a LimitRange. Lower the request or raise the limit',
      'tenants/acme.yaml:8:9 quota.gpus: must be an integer >= 0 (got "four")',
      'tenants/acme.yaml:9:9 quota.pods: must be an integer >= 0 (got "many")',
      'tenants/acme.yaml:11:10 isolation.level: must be one of "namespace", "node", "cluster" (got "nodes")',
      'tenants/zeta.yaml:6:16 environments[0]: no environment "qa" (environments: prod); add environments/qa.yaml or fix the name',
    ]);
  });

  it('reports wrong values and the schema errors of the rest of the same file, each value once', () => {
    writeInput(root, 'tenants/acme.yaml', tenant('costCenter: "cc\\0x"\nquota:\n  gpus: 1e309\n  pod: 3\n'));
    expect(errorsOf(root)).toEqual([
      'tenants/acme.yaml:7:13 costCenter: contains the control character U+0000 at position 3, which Kubernetes labels and annotations do not accept; remove it',
      'tenants/acme.yaml:9:9 quota.gpus: 1e309 is too large for a number (beyond double precision it reads as infinity); write a smaller number',
      'tenants/acme.yaml:10:3 quota.pod: unknown key "pod"; did you mean "pods"?',
    ]);
  });

  it('fails when there is no environment at all', () => {
    rmSync(join(root, 'environments'), { recursive: true });
    expect(errorsOf(root)).toEqual(['environments/ no environment files; add environments/<env>.yaml']);
  });
});
