import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffCommand, EXIT_RISKY } from '../../src/cli/diff-command.js';
import { synthCommand } from '../../src/cli/synth-command.js';
import type { Synthesize } from '../../src/review/revisions.js';
import { captureIo, readInput, removeRepo, scratchRepo, writeInput } from '../support/repo.js';

const git = (root: string, ...a: string[]) => execFileSync('git', ['-C', root, ...a], { encoding: 'utf8' });

/** A scratch repository (the fixture's inputs) committed as the base revision. */
function gitRepo(): string {
  const root = scratchRepo();
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '.');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'base');
  return root;
}

interface Report {
  risks: number;
  environments: {
    environment: string;
    status: string;
    risks: { category: string; message: string; widening?: boolean }[];
    applications: { application: string; added: number; changed: number; removed: number; objects: { change: string; kind: string; namespace?: string; name: string; fields?: { path: string; before?: unknown; after?: unknown }[] }[] }[];
  }[];
}

function diff(root: string, synthesize?: Synthesize, ...extra: string[]): { code: number; report: Report; text: string } {
  const io = captureIo();
  const code = diffCommand(root, ['--base', 'main', '--format', 'json', ...extra], io, synthesize);
  expect(io.errors.filter((e) => !e.startsWith('diff: the base')), io.errors.join('\n')).toEqual([]);
  return { code, report: JSON.parse(io.lines.join('\n')) as Report, text: io.lines.join('\n') };
}

const env = (r: Report, name: string) => r.environments.find((e) => e.environment === name)!;
const apps = (r: Report, name: string) => env(r, name).applications.map((a) => a.application);

const TENANT_C = `name: c
displayName: Tenant C
owners: [c-team@example.com]
groups:
  operators: [tenant-c-operators]
environments: [dev]
quota:
  requestsCpu: "2"
  requestsMemory: 4Gi
  limitsCpu: "4"
  limitsMemory: 8Gi
  gpus: 0
`;

describe('npm run diff -- --base <ref>', () => {
  let root = '';
  beforeEach(() => {
    root = gitRepo();
  });
  afterEach(() => removeRepo(root));

  it('reports nothing and exits 0 when the working tree synthesizes to what the base does', () => {
    const { code, report } = diff(root);
    expect(code).toBe(0);
    expect(report.risks).toBe(0);
    expect(report.environments.every((e) => e.status === 'unchanged')).toBe(true);
  });

  it("adding a tenant shows only that tenant's objects and its Argo CD entries, in the environments it lists", () => {
    writeInput(root, 'tenants/c.yaml', TENANT_C);
    const { code, report } = diff(root);
    expect(code).toBe(EXIT_RISKY);
    expect(env(report, 'prod').status).toBe('unchanged');
    const dev = env(report, 'dev');
    // Its own folder, its Argo CD entries, and its entries in the shared folders that list every tenant: its credentials
    // and IAM role (data), its Milvus database (data-bootstrap), its gateway limits and its cost rules (observability).
    expect(apps(report, 'dev')).toEqual(['dev-argocd', 'dev-data', 'dev-data-bootstrap', 'dev-gateway', 'dev-observability', 'dev-tenant-c']);
    const gateway = dev.applications.find((a) => a.application === 'dev-gateway')!.objects.flatMap((o) => o.fields ?? []);
    expect(gateway.length).toBeGreaterThan(0);
    // Its token budget in the rate limiter's config and its name in the allow lists of the models it calls.
    expect(gateway.every((f) => /value: c\\n|'c'/.test(JSON.stringify(f.after)))).toBe(true);
    const tenant = dev.applications.find((a) => a.application === 'dev-tenant-c')!;
    expect(tenant.removed + tenant.changed).toBe(0);
    expect(tenant.objects.every((o) => o.kind === 'Namespace' ? o.name === 'tenant-c' : o.namespace === 'tenant-c')).toBe(true);
    const argocd = dev.applications.find((a) => a.application === 'dev-argocd')!;
    expect(argocd.objects.filter((o) => o.change !== 'changed').map((o) => `${o.change} ${o.kind} ${o.name}`).sort()).toEqual(['added AppProject dev-tenant-c', 'added Application dev-tenant-c']);
    // Changed: only add-ons whose values list the tenants (the collector's per-tenant trace routes).
    for (const o of argocd.objects.filter((x) => x.change === 'changed')) expect(o.name, o.name).toMatch(/^dev-(opentelemetry-collector|valkey|kagent)$/);
    // The risk summary names the new namespace, project, grants and paths, and touches no other tenant.
    const risks = dev.risks.map((r) => `${r.category}: ${r.message}`);
    expect(risks).toContain('cluster-scoped: added Namespace tenant-c');
    expect(risks).toContain('appproject: added AppProject dev-tenant-c');
    expect(risks.some((r) => r.startsWith('rbac: Group tenant-c-operators gains') && r.includes('namespace tenant-c'))).toBe(true);
    expect(dev.risks.some((r) => r.category === 'network' && r.message.startsWith('tenant-c → ') && r.widening)).toBe(true);
    expect(dev.risks.filter((r) => r.category === 'cross-tenant')).toEqual([]);
    expect(dev.risks.filter((r) => r.category === 'prune')).toEqual([]);
  });

  it('a quota change shows the delta, field by field and against GPU capacity', () => {
    writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace('gpus: 4', 'gpus: 6').replace('requestsCpu: "20"', 'requestsCpu: "24"'));
    const { code, report } = diff(root, undefined, '--env', 'dev');
    expect(code).toBe(EXIT_RISKY);
    expect(report.environments.map((e) => e.environment)).toEqual(['dev']);
    const quota = env(report, 'dev').applications.find((a) => a.application === 'dev-tenant-a')!.objects.find((o) => o.kind === 'ResourceQuota')!;
    expect(quota.change).toBe('changed');
    expect(quota.fields).toEqual(
      expect.arrayContaining([
        { path: 'spec.hard["requests.cpu"]', before: '20', after: '24' },
        { path: 'spec.hard["requests.nvidia.com/gpu"]', before: '4', after: '6' },
      ]),
    );
    const messages = env(report, 'dev').risks.filter((r) => r.category === 'quota').map((r) => r.message);
    expect(messages).toContain('changed ResourceQuota tenant-a/tenant-a-quota: requests.cpu 20 → 24 (+4); requests.nvidia.com/gpu 4 → 6 (+2)');
    expect(messages.some((m) => /^GPU quota of all namespaces \d+ → \d+ \(\+2\) against \d+ GPUs/.test(m))).toBe(true);
  });

  it('widening a NetworkPolicy shows the new path in the reachability delta, in bold in Markdown', () => {
    // A code change that opens tenant-a's egress to ai-inference on 8000 (the synthesized output is edited).
    const widen: Synthesize = (r, dist) => {
      const result = synthesize(r, dist);
      if (r === root) {
        const file = join(dist, 'dev/tenant-a/NetworkPolicy.tenant-a-allow-egress.yaml');
        const policy = parse(readFileSync(file, 'utf8'));
        policy.spec.egress.push({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ai-inference' } } }], ports: [{ protocol: 'TCP', port: 8000 }] });
        writeFileSync(file, stringify(policy));
        const ingress = join(dist, 'dev/platform/NetworkPolicy.ai-inference-allow-ingress.yaml');
        const allow = parse(readFileSync(ingress, 'utf8'));
        allow.spec.ingress.push({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tenant-a' } } }], ports: [{ protocol: 'TCP', port: 8000 }] });
        writeFileSync(ingress, stringify(allow));
      }
      return result;
    };
    const { code, report } = diff(root, widen, '--env', 'dev');
    expect(code).toBe(EXIT_RISKY);
    const network = env(report, 'dev').risks.filter((r) => r.category === 'network');
    expect(network).toContainEqual({ category: 'network', message: 'changed NetworkPolicy tenant-a/tenant-a-allow-egress' });
    expect(network).toContainEqual({ category: 'network', message: 'tenant-a → ai-inference: none → TCP 8000', widening: true });
    const io = captureIo();
    diffCommand(root, ['--base', 'main', '--format', 'markdown', '--env', 'dev'], io, widen);
    expect(io.lines.join('\n')).toContain('**tenant-a → ai-inference: none → TCP 8000**');
  });

  it('removing a tenant shows what Argo CD prunes', () => {
    rmSync(join(root, 'tenants/b.yaml'));
    const { code, report } = diff(root);
    expect(code).toBe(EXIT_RISKY);
    const prod = env(report, 'prod');
    const tenant = prod.applications.find((a) => a.application === 'prod-tenant-b')!;
    expect(tenant.added + tenant.changed).toBe(0);
    expect(tenant.removed).toBeGreaterThan(0);
    const pruned = prod.risks.filter((r) => r.category === 'prune').map((r) => r.message);
    expect(pruned).toContain('Namespace tenant-b pruned: its Application prod-tenant-b is deleted (with the resources finalizer)');
    expect(pruned).toContain('Application argocd/prod-tenant-b pruned by prod-argocd');
    expect(env(report, 'dev').status).toBe('unchanged');
  });

  it("flags objects of a tenant whose file the change does not touch, and the grants that change", () => {
    // An environment setting rewrites every tenant's RoleBindings, though no tenant file changes.
    writeInput(root, 'environments/dev.yaml', `${readInput(root, 'environments/dev.yaml')}\nidentity:\n  groupPrefix: "oidc:"\n`);
    const { code, report } = diff(root, undefined, '--env', 'dev');
    expect(code).toBe(EXIT_RISKY);
    const risks = report.environments[0].risks;
    expect(risks).toContainEqual({ category: 'cross-tenant', message: 'objects of tenant a change, but tenants/a.yaml does not', widening: true });
    expect(risks.some((r) => r.category === 'rbac' && r.message.startsWith('Group oidc:tenant-a-operators gains') && r.widening)).toBe(true);
    expect(risks.some((r) => r.category === 'rbac' && r.message.startsWith('Group tenant-a-operators loses'))).toBe(true);
  });

  it('a chart upgrade shows the vendored values file that changed', () => {
    writeInput(root, 'vendor/helm-values/keda/9.9.9/values.yaml', 'replicaCount: 1\n');
    const { code, report } = diff(root, undefined, '--env', 'dev');
    expect(code).toBe(EXIT_RISKY);
    expect((report as Report & { chartValues: string[] }).chartValues).toEqual(['added vendor/helm-values/keda/9.9.9/values.yaml']);
  });

  it('prints plain text on a terminal and fails with usage errors on bad flags', () => {
    writeInput(root, 'tenants/c.yaml', TENANT_C);
    const io = captureIo();
    expect(diffCommand(root, ['--base', 'main'], io, synthesize)).toBe(EXIT_RISKY);
    expect(io.lines.join('\n')).toMatch(/RISKS dev[\s\S]*! added Namespace tenant-c[\s\S]*CHANGES dev \(changed\)\n {2}dev-argocd {2}\+2 ~\d+ -0/);
    expect(() => diffCommand(root, ['--base', 'main', '--format', 'html'], captureIo(), synthesize)).toThrow(/--format/);
    expect(() => diffCommand(root, [], captureIo(), synthesize)).toThrow(/--base/);
    expect(() => diffCommand(root, ['--base', 'no-such-ref'], captureIo(), synthesize)).toThrow();
  });
});

/** The real synth, in process, into `dist`. */
const synthesize: Synthesize = (root, dist) => {
  const errors: string[] = [];
  const code = synthCommand(root, ['--dist', dist, '--no-cache'], { out: () => {}, err: (l) => errors.push(l) });
  return { ok: code === 0, errors };
};
