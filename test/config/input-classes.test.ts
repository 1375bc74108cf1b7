import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planEnvironment, synthesizeEnvironment, type ChartOutput, type ChartPlan } from '../../src/app.js';
import { synthCommand } from '../../src/cli/synth-command.js';
import { loadInput } from '../../src/config/load.js';
import { tenantsOf } from '../../src/config/platform-input.js';
import { args, captureIo, snapshotDir, writeInput } from '../support/repo.js';
import { ENV, envPlus, envWith, errorsOf, TENANT, tenantPlus, useFixtureRepo } from './fixture-repo.js';

describe('file-system surprises are input errors at the path, never crashes', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));

  it('fails on a tenant file that is a dangling symbolic link', () => {
    symlinkSync(join(root, 'tenants-elsewhere/acme.yaml'), join((mkdirSync(join(root, 'tenants')), root), 'tenants/acme.yaml'));
    expect(errorsOf(root)).toEqual(['tenants/acme.yaml is a symbolic link to a file that does not exist; fix the link or remove it']);
  });

  it('fails on a symbolic link loop', () => {
    mkdirSync(join(root, 'tenants'));
    symlinkSync('b.yaml', join(root, 'tenants/a.yaml'));
    symlinkSync('a.yaml', join(root, 'tenants/b.yaml'));
    expect(errorsOf(root)).toEqual([
      'tenants/a.yaml cannot be read (a loop of symbolic links); make the links point at a file or remove it',
      'tenants/b.yaml cannot be read (a loop of symbolic links); make the links point at a file or remove it',
    ]);
  });

  // root reads every file whatever its mode, so this case only runs for ordinary users (as CI does).
  it.skipIf(process.getuid?.() === 0)('fails on a file it may not read', () => {
    writeInput(root, 'tenants/acme.yaml', TENANT);
    chmodSync(join(root, 'tenants/acme.yaml'), 0o000);
    expect(errorsOf(root)).toEqual(['tenants/acme.yaml cannot be read (permission denied); fix its permissions or remove it']);
  });

  it('fails on an environment file that is a dangling link, and still checks the tenants', () => {
    symlinkSync(join(root, 'gone.yaml'), join(root, 'environments/qa.yaml'));
    writeInput(root, 'tenants/acme.yaml', TENANT.replace('displayName: Acme\n', ''));
    expect(errorsOf(root)).toEqual([
      'environments/qa.yaml is a symbolic link to a file that does not exist; fix the link or remove it',
      'tenants/acme.yaml:1:1 displayName: is required (Human-readable team name.); add it',
    ]);
  });

  it('fails on a folder named like a tenant file', () => {
    mkdirSync(join(root, 'tenants/acme.yaml'), { recursive: true });
    expect(errorsOf(root)).toEqual(['tenants/acme.yaml is a folder, not a file; move its contents out or rename it so it does not end in .yaml']);
  });

  it('fails on an environments "folder" that is a file', () => {
    writeFileSync(join(root, 'tenants'), 'not a folder');
    expect(errorsOf(root)).toEqual(['tenants/ cannot be listed (not a folder); make it a readable folder']);
  });

  it('fails on a file too large to be settings', () => {
    writeInput(root, 'tenants/acme.yaml', TENANT + `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(errorsOf(root)).toEqual([`tenants/acme.yaml:1:1 is ${TENANT.length + 2 * 1024 * 1024 + 3} bytes, over the 1048576 an input file may have; it must hold settings, not data`]);
  });

  it('fails on a 20 MB value at its line, not just at the file', () => {
    writeInput(root, 'tenants/acme.yaml', tenantPlus(`agents:\n  - name: bot\n    model: small\n    systemPrompt: "${'y'.repeat(20 * 1024 * 1024)}"\n`));
    expect(errorsOf(root)).toEqual([
      `tenants/acme.yaml:10:19 agents[0].systemPrompt: is ${20 * 1024 * 1024} characters long, over the 65536 a value may have (Kubernetes limits annotations to 256 KiB and objects to 1.5 MiB); shorten it`,
    ]);
  });

  it('fails on lists nested deeper than the parser can follow, at their line (the column depends on the stack size)', () => {
    writeInput(root, 'tenants/acme.yaml', tenantPlus(`costCenter: ${'['.repeat(5000)}${']'.repeat(5000)}\n`));
    const errors = errorsOf(root);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^tenants\/acme\.yaml:7:\d+ YAML RESOURCE_EXHAUSTION: Maximum call stack size exceeded; nest lists and mappings less deeply$/);
  });

  it('fails on a mapping used as a key instead of printing a warning', () => {
    writeInput(root, 'tenants/acme.yaml', tenantPlus('? {team: acme}\n: ops\n'));
    expect(errorsOf(root)).toEqual(['tenants/acme.yaml:7:3 has a key that is a list or mapping; keys are plain names']);
  });

  it('fails on bytes that are not UTF-8, at their line and column', () => {
    const latin1 = Buffer.concat([Buffer.from('name: acme\ndisplayName: Acme '), Buffer.from([0xe9]), Buffer.from('t\u00e9\nowners: [ops@acme.example]\n')]);
    writeInput(root, 'tenants/acme.yaml', latin1 as unknown as string);
    expect(errorsOf(root)).toEqual(['tenants/acme.yaml:2:19 is not valid UTF-8 (byte 0xE9 at byte offset 29); save the file as UTF-8']);
  });

  it('fails on a truncated UTF-8 sequence at the end of a file', () => {
    writeInput(root, 'tenants/acme.yaml', Buffer.concat([Buffer.from(TENANT), Buffer.from('# \u00e9'.slice(0, 2)), Buffer.from([0xc3])]) as unknown as string);
    expect(errorsOf(root)).toEqual([`tenants/acme.yaml:7:3 is not valid UTF-8 (byte 0xC3 at byte offset ${TENANT.length + 2}); save the file as UTF-8`]);
  });
});

describe('odd but valid input is accepted', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));
  const accepts = (env: string, tenant?: string) => {
    writeInput(root, 'environments/prod.yaml', env);
    if (tenant) writeInput(root, 'tenants/acme.yaml', tenant);
    expect(errorsOf(root)).toEqual([]);
  };

  it.each([
    'git@github.com:org/repo.git',
    'ssh://git@github.com/org/repo.git',
    'ssh://git@git.example.com:2222/org/repo.git',
    'http://gitea.internal:3000/org/repo.git',
    'https://dev.azure.com/org/project/_git/repo',
  ])('accepts the repository URL %s', (url) => accepts(envWith('https://git.example.com/org/platform.git', url)));

  it.each([
    'registry.example.com:5000/vllm/vllm-openai:v0.11.0',
    'localhost:5000/vllm:v1',
    `vllm/vllm-openai@sha256:${'a'.repeat(64)}`,
    `ghcr.io/org/vllm:v0.11.0@sha256:${'b'.repeat(64)}`,
    '123456789012.dkr.ecr.us-west-2.amazonaws.com/team/vllm-openai:2025.11.03-cu128',
  ])('accepts the image %s, also as a canary', (image) =>
    accepts(envPlus(`    canary: {image: "${image}", weight: 5}\n`).replace('image: vllm/vllm-openai:v0.11.0', `image: "${image}"`)));

  it('accepts Karpenter budgets at their edges and cron macros', () =>
    accepts(envWith('gpuLimit: 16', 'gpuLimit: 16\n    disruptionBudget: "0"\n    freeze: {schedule: "@daily", duration: 1h30m}')));

  it('accepts 100% and a weekday-name cron with steps and lists', () =>
    accepts(envWith('gpuLimit: 16', 'gpuLimit: 16\n    disruptionBudget: "100%"\n    freeze: {schedule: "*/30 8-17 * JAN,MAR-DEC mon-fri", duration: 30m}')));

  it('accepts a switched-off GPU pool (gpuLimit 0) that no model uses', () =>
    accepts(envPlus('    instanceTypes: [g5.xlarge]\n').replace('models:', '  - {name: spare, capacityTypes: [spot], instanceTypes: [p5.48xlarge], gpuLimit: 0}\nmodels:')));

  it('accepts a model name of 56 characters with a canary, and defaults equal to limits', () =>
    accepts(envPlus(`    canary: {image: vllm/vllm-openai:v0.12.0, weight: 50}\ncontainerDefaults: {defaultRequestCpu: 500m, defaultLimitCpu: "0.5", defaultRequestMemory: 512Mi, defaultLimitMemory: 512Mi}\n`)
      .replace('  - name: small', `  - name: ${'m'.repeat(56)}`)));

  it('accepts tenant groups with a colon or spaces inside, and http tool URLs', () =>
    accepts(ENV, TENANT.replace('[acme-ops]', '["oidc:acme-ops", "Acme Operators"]') + 'tools:\n  - {name: search, url: "http://mcp.tenant-acme.svc:8080/mcp"}\n'));

  it('accepts every quantity form Kubernetes accepts, through synth and its output checks', () => {
    writeInput(root, 'tenants/acme.yaml', tenantPlus('quota: {requestsCpu: "2e1", limitsCpu: "+40", requestsMemory: 40000000000, limitsMemory: "80e9", storage: ".5Ti", pvcs: 2}\n'));
    const io = captureIo();
    const code = synthCommand(root, args(), io);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('accepts numbers at the upper bounds', () =>
    accepts(ENV, tenantPlus('rateLimits: {requestsPerMinute: 2147483647, tokensPerMinute: 2147483647}\n')));
});

describe('a tenant in several environments uses a model that only one of them serves', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));
  const DEV = envWith('name: prod', 'name: dev', envWith('  - name: small', '  - name: tiny'));
  /** Who the AI gateway lets call each model (models are reached only through it). */
  const callersOf = (charts: ChartOutput[]) =>
    Object.fromEntries(
      charts.find((c) => c.id === 'gateway')!.objects
        .filter((o) => o.kind === 'AgentgatewayPolicy' && o.metadata.namespace === 'ai-inference')
        .map((o) => [o.metadata.name, JSON.stringify((o as unknown as { spec: { traffic: { authorization: unknown } } }).spec.traffic.authorization)]),
    );

  it('grants each model only where the catalog has it', () => {
    writeInput(root, 'environments/dev.yaml', DEV);
    writeInput(root, 'tenants/acme.yaml', TENANT.replace('[prod]', '[dev, prod]') + 'models: [small, tiny]\n');
    const input = loadInput(root);
    const [dev, prod] = input.environments;
    expect(tenantsOf(input, dev)[0].models).toEqual(['tiny']);
    expect(tenantsOf(input, prod)[0].models).toEqual(['small']);
    expect(input.tenants[0].models).toEqual(['small', 'tiny']); // the file's list itself is unchanged
    const devCallers = callersOf(synthesizeEnvironment(input, dev));
    const prodCallers = callersOf(synthesizeEnvironment(input, prod));
    expect(Object.keys(devCallers)).toEqual(['tiny']);
    expect(Object.keys(prodCallers)).toEqual(['small']);
    expect(devCallers.tiny).toContain("'acme'");
    expect(prodCallers.small).toContain("'acme'");
  });

  it('fails on a model that none of the tenant\'s environments serves, listing each catalog', () => {
    writeInput(root, 'environments/dev.yaml', DEV);
    writeInput(root, 'tenants/acme.yaml', TENANT.replace('[prod]', '[dev, prod]') + 'models: [small, huge]\n');
    expect(errorsOf(root)).toEqual([
      'tenants/acme.yaml:7:17 models[1]: model "huge" is not in the catalog of any of this tenant\'s environments (dev: tiny; prod: small); add it to an environment\'s models or remove it here',
    ]);
  });

  it('fails on a model that only an environment the tenant is not deployed to serves', () => {
    writeInput(root, 'environments/dev.yaml', DEV);
    writeInput(root, 'tenants/acme.yaml', tenantPlus('models: [tiny]\n'));
    expect(errorsOf(root)).toEqual([
      'tenants/acme.yaml:7:10 models[0]: model "tiny" is not in the catalog of environment "prod" (models: small); add it to an environment\'s models or remove it here',
    ]);
  });
});

describe('npm run synth on bad input: exit 1, every error with file:line:col, dist/ byte-identical', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));
  const synth = (plan?: typeof planEnvironment) => {
    const io = captureIo();
    const code = synthCommand(root, args(), io, plan);
    return { code, io };
  };

  const MISTAKES: { why: string; apply: (root: string) => void; expected: string }[] = [
    { why: 'a dangling tenant link', apply: (r) => symlinkSync(join(r, 'nowhere.yaml'), join(r, 'tenants/ghost.yaml')),
      expected: 'tenants/ghost.yaml is a symbolic link to a file that does not exist; fix the link or remove it' },
    { why: 'a model named like another model\'s canary (was a crash)', apply: (r) => writeInput(r, 'environments/prod.yaml', envPlus('    canary: {image: vllm/vllm-openai:v0.12.0, weight: 10}\n  - {name: small-canary, engine: vllm, image: "vllm/vllm-openai:v0.11.0", modelId: Org/X, gpusPerReplica: 1, gpuMemoryGiB: 20, gpuPool: gpu-pool}\n')),
      expected: 'environments/prod.yaml:28:12 models[1].name: model "small-canary" has the name of the canary of model "small" (environments/prod.yaml:27:13); both would be Deployment and Service small-canary. Rename this model or the other one' },
    { why: 'LimitRange defaults the API server rejects', apply: (r) => writeInput(r, 'environments/prod.yaml', envPlus('containerDefaults: {defaultRequestMemory: 2Gi, defaultLimitMemory: 1Gi}\n')),
      expected: 'environments/prod.yaml:27:43 containerDefaults.defaultRequestMemory: must not exceed defaultLimitMemory (2Gi > 1Gi); the API server rejects such a LimitRange. Lower the request or raise the limit' },
    { why: 'every authenticated user as operators', apply: (r) => writeInput(r, 'tenants/acme.yaml', TENANT.replace('[acme-ops]', '[system:authenticated]')),
      expected: 'tenants/acme.yaml:5:15 groups.operators[0]: must be an OIDC group of this tenant: not a Kubernetes system: group (such as system:authenticated, every user) and without leading or trailing spaces (got "system:authenticated")' },
    { why: 'an unknown tag', apply: (r) => writeInput(r, 'tenants/acme.yaml', tenantPlus('costCenter: !Ref CostCenter\n')),
      expected: 'tenants/acme.yaml:7:13 YAML TAG_RESOLVE_FAILED: Unresolved tag: !Ref; remove the tag: these files are plain YAML, tags such as !Ref are not evaluated' },
    { why: 'a bad freeze cron', apply: (r) => writeInput(r, 'environments/prod.yaml', envWith('gpuLimit: 16', 'gpuLimit: 16\n    freeze: {schedule: "0 9 * * 8", duration: 8h}')),
      expected: 'environments/prod.yaml:17:24 gpuPools[0].freeze.schedule: "0 9 * * 8" is not a cron schedule Karpenter accepts: day-of-week "8" is not valid (0-6 or SUN-SAT, *, ranges a-b, steps /n, lists a,b); write five fields such as "0 9 * * 1-5"' },
    { why: 'a tenant asking for more GPUs than there are', apply: (r) => writeInput(r, 'tenants/acme.yaml', tenantPlus('quota: {gpus: 17}\n')),
      expected: 'tenants/acme.yaml:7:15 quota.gpus: 17 is more than the GPU pools of environment "prod" hold (gpu-pool 16): at most 16; lower it, or ask for more capacity in environments/prod.yaml' },
  ];

  it.each(MISTAKES)('refuses $why', ({ apply, expected }) => {
    writeInput(root, 'tenants/acme.yaml', TENANT);
    expect(synth().code).toBe(0);
    const before = snapshotDir(join(root, 'dist'));
    apply(root);
    const { code, io } = synth();
    expect(code).toBe(1);
    expect(io.errors).toContain(expected);
    expect(io.errors.join('\n')).not.toMatch(/\bat \S+ \(|internal error/);
    expect(snapshotDir(join(root, 'dist'))).toEqual(before);
  });

  it('names the input behind an output object that fails its checks', () => {
    writeInput(root, 'tenants/acme.yaml', tenantPlus('quota:\n  gpus: 2\n'));
    const broken = (...a: Parameters<typeof planEnvironment>): ChartPlan[] =>
      planEnvironment(...a).map((p) =>
        p.id !== 'tenant-acme'
          ? p
          : { ...p, inputs: [...(p.inputs ?? []), 'broken'], render: () => { const c = p.render(); return { ...c, objects: c.objects.map((o) => (o.kind === 'ResourceQuota' ? { ...o, spec: { hardd: {} } } : o)) }; } },
      );
    const { code, io } = synth(broken);
    expect(code).toBe(1);
    expect(io.errors).toContain(
      'tenants/acme.yaml:8:3 quota: produces dist/prod/tenant-acme/ResourceQuota.tenant-acme-quota.yaml: ResourceQuota/tenant-acme/tenant-acme-quota: spec.hardd: unknown field (not in the Kubernetes 1.33 schema of ResourceQuota)',
    );
  });
});

describe('references inside an environment file that charts rely on', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));

  it('refuses a model cache on efs-sc without an EFS file system, at the storage class', () => {
    writeInput(root, 'environments/prod.yaml', envPlus('    cache: {type: shared-pvc, size: 100Gi, storageClass: efs-sc}\n'));
    expect(errorsOf(root)).toEqual([
      'environments/prod.yaml:27:58 models[0].cache.storageClass: model "small" caches on efs-sc, but efs.fileSystemId is not set; set it to the cluster\'s EFS file system, or use another cache.storageClass',
    ]);
  });

  it('refuses a CPU instance without a price for the cost report, at its type', () => {
    writeInput(root, 'environments/prod.yaml', envPlus('observability:\n  cost:\n    cpuInstance: { type: m7i.8xlarge, vcpus: 32, memoryGiB: 128 }\n'));
    expect(errorsOf(root)).toEqual([
      'environments/prod.yaml:29:26 observability.cost.cpuInstance.type: "m7i.8xlarge" has no price; add it under observability.cost.instancePrices',
    ]);
  });
});
