import { describe, expect, it } from 'vitest';
import { synthesizeEnvironment } from '../../src/app.js';
import { loadInput } from '../../src/config/load.js';
import { synthCommand } from '../../src/cli/synth-command.js';
import { fixtureEnvironments, named, objectsOf, ofKind, fixtureInput } from '../support/synth.js';
import { args, captureIo, readInput, useScratchRepo, snapshotDir, writeInput } from '../support/repo.js';
import { join } from 'node:path';

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }

describe.each(fixtureEnvironments())('tenant charts of $env', ({ env, charts }) => {
  const environment = fixtureInput().environments.find((e) => e.name === env)!;
  const tenants = fixtureInput().tenants.filter((t) => t.environments.includes(env));

  describe.each(tenants)('tenant $name', (tenant) => {
    const ns = `tenant-${tenant.name}`;
    /** Argo CD names start with the environment: several environments may share one Argo CD. */
    const argoName = `${env}-${ns}`;
    const objects = objectsOf(charts, ns);

    it('gets a namespace with Pod Security restricted for enforce, audit and warn, and its tenant and cost labels', () => {
      const n = named(objects, 'Namespace', ns);
      expect(n.metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
        'platform.agentic.io/tenant': tenant.name,
        ...(tenant.costCenter ? { 'platform.agentic.io/cost-center': tenant.costCenter } : {}),
      });
      expect(n.metadata.labels!['istio-injection']).toBe(environment.mesh.istio ? 'enabled' : undefined);
    });

    it('labels every object of the tenant, its AppProject and Application included, with the tenant and its cost center', () => {
      const argo = objectsOf(charts, 'argocd').filter((o) => o.metadata.name === argoName);
      expect(argo.map((o) => o.kind).sort()).toEqual(['AppProject', 'Application']);
      for (const o of [...objects, ...argo]) {
        expect(o.metadata.labels!['platform.agentic.io/tenant']).toBe(tenant.name);
        expect(o.metadata.labels!['platform.agentic.io/cost-center']).toBe(tenant.costCenter);
      }
    });

    it('gets a ResourceQuota equal to its file, GPUs as requests.nvidia.com/gpu, plus a LimitRange', () => {
      const hard = (named(objects, 'ResourceQuota', `${ns}-quota`, ns) as unknown as { spec: { hard: Record<string, string> } }).spec.hard;
      expect(hard).toEqual({
        'requests.cpu': String(tenant.quota.requestsCpu), 'requests.memory': String(tenant.quota.requestsMemory),
        'limits.cpu': String(tenant.quota.limitsCpu), 'limits.memory': String(tenant.quota.limitsMemory),
        'requests.nvidia.com/gpu': String(tenant.quota.gpus), pods: String(tenant.quota.pods), services: String(tenant.quota.services),
        persistentvolumeclaims: String(tenant.quota.pvcs), 'requests.storage': String(tenant.quota.storage),
      });
      expect(named(objects, 'LimitRange', `${ns}-limits`, ns)).toBeDefined();
    });

    it('gets the design\'s agent-operator and agent-viewer Roles over the real kagent kinds, without wildcards', () => {
      for (const role of ofKind<{ rules: Rule[] }>(objects, 'Role')) {
        expect(role.metadata.namespace).toBe(ns);
        for (const rule of role.rules) {
          expect(rule.verbs).not.toContain('*');
          expect(rule.resources).not.toContain('*');
          expect(rule.apiGroups).not.toContain('*');
          if (rule.resources.includes('secrets')) expect(rule.resourceNames?.length ?? 0).toBeGreaterThan(0);
        }
      }
      const operator = named(objects, 'Role', 'agent-operator', ns) as unknown as { rules: Rule[] };
      expect(operator.rules[0]).toEqual({ apiGroups: ['kagent.dev'], resources: ['agents', 'modelconfigs', 'remotemcpservers', 'mcpservers'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] });
      const viewer = named(objects, 'Role', 'agent-viewer', ns) as unknown as { rules: Rule[] };
      expect(viewer.rules.flatMap((r) => r.verbs)).not.toContain('delete');
      expect(viewer.rules.some((r) => r.resources.includes('pods/log'))).toBe(true);
    });

    it('binds the Roles to the tenant\'s OIDC groups, and has no cluster-wide RBAC', () => {
      const binding = named(objects, 'RoleBinding', 'agent-operator', ns) as unknown as { subjects: { kind: string; name: string }[] };
      expect(binding.subjects).toEqual(tenant.groups.operators.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `${environment.identity.groupPrefix}${g}` })));
      expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
      expect(ofKind(objects, 'ClusterRole')).toEqual([]);
    });

    it('emits no cluster-scoped object but its Namespace (and its NodePool under node isolation)', () => {
      const clusterScoped = objects.filter((o) => !o.metadata.namespace).map((o) => o.kind).sort();
      expect(clusterScoped).toEqual(tenant.isolation.level === 'node' ? ['Namespace', 'NodePool'] : ['Namespace']);
    });

    it('enforces STRICT mTLS exactly when the environment enables the mesh', () => {
      const pa = ofKind<{ spec: unknown }>(objects, 'PeerAuthentication');
      if (environment.mesh.istio) expect(pa.map((p) => [p.metadata.namespace, p.spec])).toEqual([[ns, { mtls: { mode: 'STRICT' } }]]);
      else expect(pa).toEqual([]);
    });

    it('gets an Argo CD AppProject confined to its namespace and this repository, denying cluster resources and guardrail kinds', () => {
      const project = named(objectsOf(charts, 'argocd'), 'AppProject', argoName) as unknown as { spec: Record<string, unknown> & { roles: { groups: string[]; policies: string[] }[] } };
      expect(project.spec.sourceRepos).toEqual([environment.argocd.repoURL]);
      expect(project.spec.destinations).toEqual([{ namespace: ns, server: environment.clusters[0].server }]);
      expect(project.spec.clusterResourceWhitelist).toEqual([]);
      expect(project.spec.namespaceResourceBlacklist).toEqual(expect.arrayContaining([
        { group: '', kind: 'ResourceQuota' }, { group: '', kind: 'LimitRange' }, { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
        { group: 'rbac.authorization.k8s.io', kind: 'Role' }, { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
      ]));
      expect(project.spec.roles[0].groups).toEqual(tenant.groups.operators);
      for (const role of project.spec.roles) for (const p of role.policies) {
        expect(p).toMatch(new RegExp(`^p, proj:${argoName}:\\w+, \\w+, [\\w/*]+, ${argoName}/\\*, allow$`));
        expect(p).not.toMatch(/, (create|update|delete|\*),/);
      }
    });

    it('is deployed by a platform Application from its own folder', () => {
      const app = named(objectsOf(charts, 'argocd'), 'Application', argoName) as unknown as { spec: { project: string; source: { path: string } } };
      expect(app.spec.project).toBe(`${env}-platform`);
      expect(app.spec.source.path).toBe(`dist/${env}/${ns}`);
    });
  });
});

describe('isolation levels', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  it('gives a node-isolated tenant a tainted NodePool and the placement its pods must carry', () => {
    const prod = fixtureEnvironments().find((e) => e.env === 'prod')!;
    const objects = objectsOf(prod.charts, 'tenant-b');
    const pool = named(objects, 'NodePool', 'tenant-b') as unknown as { spec: { template: { metadata: { labels: object }; spec: { taints: object[]; nodeClassRef: { name: string } } }; limits: object } };
    expect(pool.spec.template.spec.taints).toEqual([{ key: 'platform.agentic.io/tenant', value: 'b', effect: 'NoSchedule' }]);
    expect(pool.spec.template.metadata.labels).toEqual({ 'platform.agentic.io/tenant': 'b' });
    expect(pool.spec.limits).toEqual({ cpu: '32', memory: '64Gi', 'nvidia.com/gpu': '8' });
    expect(named(objectsOf(prod.charts, 'nodes'), 'EC2NodeClass', pool.spec.template.spec.nodeClassRef.name)).toBeDefined();
    const ns = named(objects, 'Namespace', 'tenant-b');
    expect(ns.metadata.annotations!['scheduler.alpha.kubernetes.io/node-selector']).toBe('platform.agentic.io/tenant=b');
    expect(JSON.parse(ns.metadata.annotations!['scheduler.alpha.kubernetes.io/defaultTolerations'])).toEqual([
      { key: 'platform.agentic.io/tenant', operator: 'Equal', value: 'b', effect: 'NoSchedule' },
    ]);
  });

  it('gives a namespace-isolated tenant no node pool', () => {
    const prod = fixtureEnvironments().find((e) => e.env === 'prod')!;
    expect(ofKind(objectsOf(prod.charts, 'tenant-a'), 'NodePool')).toEqual([]);
  });

  it('sends a cluster-isolated tenant to its own cluster, together with the platform base', () => {
    writeInput(root, 'environments/prod.yaml', readInput(root, 'environments/prod.yaml').replace('argocd:\n',
      '  - name: ai-prod-acme\n    server: https://acme.eks.example:443\n    dedicatedTo: acme\nargocd:\n'));
    writeInput(root, 'tenants/acme.yaml', 'name: acme\ndisplayName: Acme\nowners: [o@acme.example]\ngroups: {operators: [acme-ops]}\nenvironments: [prod]\nisolation: {level: cluster, cluster: ai-prod-acme}\n');
    const input = loadInput(root);
    const charts = synthesizeEnvironment(input, input.environments.find((e) => e.name === 'prod')!);
    const argo = objectsOf(charts, 'argocd');
    const dest = (name: string) => (named(argo, 'Application', name) as unknown as { spec: { destination: { server: string }; source: { path: string } } }).spec;
    expect(dest('prod-tenant-acme').destination.server).toBe('https://acme.eks.example:443');
    expect(dest('prod-platform-ai-prod-acme')).toMatchObject({ destination: { server: 'https://acme.eks.example:443' }, source: { path: 'dist/prod/platform' } });
    expect(dest('prod-nodes-ai-prod-acme').destination.server).toBe('https://acme.eks.example:443');
    expect(argo.some((o) => o.metadata.name === 'prod-inference-ai-prod-acme')).toBe(false); // models stay on the shared cluster
    expect(dest('prod-tenant-a').destination.server).toBe('https://kubernetes.default.svc');
    const project = named(argo, 'AppProject', 'prod-tenant-acme') as unknown as { spec: { destinations: object[] } };
    expect(project.spec.destinations).toEqual([{ server: 'https://acme.eks.example:443', namespace: 'tenant-acme' }]);
  });

  it('gives a tenant that allows no model no route to any model server', () => {
    writeInput(root, 'tenants/acme.yaml', 'name: acme\ndisplayName: Acme\nowners: [o@acme.example]\ngroups: {operators: [acme-ops]}\nenvironments: [prod]\n');
    const input = loadInput(root);
    const charts = synthesizeEnvironment(input, input.environments.find((e) => e.name === 'prod')!);
    const egress = named(objectsOf(charts, 'tenant-acme'), 'NetworkPolicy', 'tenant-acme-allow-egress') as unknown as { spec: { egress: { to: object[] }[] } };
    expect(JSON.stringify(egress.spec.egress)).not.toContain('ai-inference');
    expect(JSON.stringify(egress.spec.egress)).toContain('ai-data');
  });

  it('onboards a team from a copied example: copy, rename inside, synth', () => {
    writeInput(root, 'tenants/acme.yaml', readInput(root, 'tenants/a.yaml').replace('name: a\n', 'name: acme\n'));
    const io = captureIo();
    expect(synthCommand(root, args(), io)).toBe(0);
    const files = [...snapshotDir(join(root, 'dist')).keys()];
    for (const env of ['dev', 'prod']) {
      for (const f of ['Namespace.tenant-acme.yaml', 'ResourceQuota.tenant-acme-quota.yaml', 'LimitRange.tenant-acme-limits.yaml',
        'NetworkPolicy.tenant-acme-default-deny.yaml', 'NetworkPolicy.tenant-acme-allow-dns.yaml', 'Role.agent-operator.yaml', 'RoleBinding.agent-operator.yaml']) {
        expect(files).toContain(`${env}/tenant-acme/${f}`);
      }
      expect(files).toContain(`${env}/argocd/AppProject.${env}-tenant-acme.yaml`);
      expect(files).toContain(`${env}/argocd/Application.${env}-tenant-acme.yaml`);
    }
  });
});

describe('capacity', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  it('fails when tenant GPU quotas overrun the GPU pools, naming the tenants and the numbers', () => {
    writeInput(root, 'tenants/big.yaml', 'name: big\ndisplayName: Big\nowners: [o@big.example]\ngroups: {operators: [big]}\nenvironments: [dev]\nquota: {gpus: 25}\n');
    const io = captureIo();
    expect(synthCommand(root, args(), io)).toBe(1);
    // dev: qwen at most 4 replicas x 1 GPU + tenants a 4 and big 25 = 33 > 4 x gpu-spot-pool 8 = 32.
    expect(io.errors[0]).toBe(
      'environments/dev.yaml:24:3 capacity: worst-case GPUs (models 4 + tenants 29) total 33 (qwen-2-5-7b 4; a 4, big 25) exceed 4 x GPU pool limits (gpu-spot-pool 8) 8 = 32; lower tenant quotas, or raise gpuPools[].gpuLimit or capacity.overcommit in environments/dev.yaml',
    );
  });

  it('fails when the models\' worst case overruns the ai-inference GPU quota or their pool, naming models and numbers', () => {
    // prod: llama 4 GPUs x 5 replicas = 20, qwen (7 + 1 canary) x 1 = 8, mixtral 4 x 2 = 8; 36 > quota 32.
    writeInput(root, 'environments/prod.yaml', readInput(root, 'environments/prod.yaml').replace('minReplicas: 2\n    maxReplicas: 4', 'minReplicas: 2\n    maxReplicas: 5'));
    const io = captureIo();
    expect(synthCommand(root, args(), io)).toBe(1);
    expect(io.errors).toContain(
      'environments/prod.yaml:20:3 capacity: worst-case model GPUs total 36 (llama-3-1-70b 20, qwen-2-5-7b 8, mixtral-8x7b 8) exceed the ai-inference quota of 32 GPUs; lower models[].maxReplicas, or raise quotas.ai-inference.gpus in environments/prod.yaml',
    );
    // The spot pool holds 32 GPUs: qwen at 40 replicas (+1 canary) needs 41.
    writeInput(root, 'environments/prod.yaml', readInput(root, 'environments/prod.yaml').replace('maxReplicas: 7', 'maxReplicas: 40'));
    const io2 = captureIo();
    expect(synthCommand(root, args(), io2)).toBe(1);
    expect(io2.errors).toContain(
      'environments/prod.yaml:20:3 capacity: worst-case GPUs of the models on pool gpu-spot-pool total 41 (qwen-2-5-7b 41) exceed its gpuLimit 32; lower models[].maxReplicas or raise the pool\'s gpuLimit in environments/prod.yaml',
    );
  });

  it('fails when the models\' worst-case CPU requests overrun the ai-inference quota', () => {
    // prod: llama 4 x 20 = 80, qwen 8 x 3 = 24, mixtral 2 x 12 = 24; 128 > 100.
    writeInput(root, 'environments/prod.yaml', readInput(root, 'environments/prod.yaml').replace('cpu: "10"', 'cpu: "20"'));
    const io = captureIo();
    expect(synthCommand(root, args(), io)).toBe(1);
    expect(io.errors).toContain(
      'environments/prod.yaml:20:3 capacity: worst-case model CPU requests total 128 (llama-3-1-70b 80, qwen-2-5-7b 24, mixtral-8x7b 24) exceed the ai-inference quota requestsCpu 100; lower models[].maxReplicas or their cpu, or raise quotas.ai-inference.requestsCpu in environments/prod.yaml',
    );
  });

  it('fails when tenant CPU requests overrun the agents layer, and passes once overcommit allows it', () => {
    writeInput(root, 'tenants/big.yaml', 'name: big\ndisplayName: Big\nowners: [o@big.example]\ngroups: {operators: [big]}\nenvironments: [dev]\nquota: {requestsCpu: "45", gpus: 0}\n');
    const io = captureIo();
    expect(synthCommand(root, args(), io)).toBe(1);
    // dev: a 20 + big 45 = 65 CPUs > 4 x ai-agents 16 = 64.
    expect(io.errors[0]).toContain('capacity: tenant CPU requests total 65 (a 20, big 45) exceed 4 x ai-agents requestsCpu 16 = 64');
    writeInput(root, 'environments/dev.yaml', readInput(root, 'environments/dev.yaml').replace('overcommit: 4', 'overcommit: 5'));
    expect(synthCommand(root, args(), captureIo())).toBe(0);
  });
});

