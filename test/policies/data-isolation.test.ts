import { describe, expect, it } from 'vitest';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { namespaceReach } from '../../src/analysis/matrix.js';
import { PORTS } from '../../src/lib/ports.js';
import { tenantMilvusDatabase, tenantValkeyPrefix, TENANT_SECRETS } from '../../src/lib/platform-services.js';
import type { DataRole } from '../../src/data/access.js';
import { everyEnvironment, objectsOf, ofKind, type SynthesizedEnvironment } from '../support/synth.js';
import type { KubeObject } from '../../src/app.js';

/**
 * The static proof that a tenant's credentials open only its own data. It reads what is deployed (the synthesized
 * manifests: the IAM policies in the aws-iam ConfigMap, the Valkey ACL in the Valkey Application's values, the
 * Milvus grants in the bootstrap script, the tenants' SecretStores and ExternalSecrets), never the code's intent.
 */

/** Does an AWS or Valkey glob (`*` and `?`) match `value`? */
function globMatches(glob: string, value: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

interface Deployed {
  tenants: string[];
  roles: Map<string, DataRole>;
  valkeyAcl: Record<string, { permissions: string }> | undefined;
  bootstrap: string;
  objects: KubeObject[];
}

function deployed({ charts }: SynthesizedEnvironment): Deployed {
  const objects = objectsOf(charts);
  const tenants = ofKind(objects, 'Namespace').map((n) => n.metadata.name).filter((n) => n.startsWith('tenant-')).map((n) => n.slice('tenant-'.length));
  const iam = ofKind<{ data: Record<string, string> }>(objects, 'ConfigMap').find((c) => c.metadata.name === 'aws-iam' && c.metadata.namespace === 'ai-data')!;
  const roles = new Map<string, DataRole>();
  for (const [key, text] of Object.entries(iam.data)) if (key !== 'pod-identity-trust-policy.json') roles.set(key.replace(/\.json$/, ''), JSON.parse(text) as DataRole);
  const valkeyApp = ofKind<{ spec: { source: { helm?: { valuesObject: { auth?: { aclUsers: Record<string, { permissions: string }> } } } } } }>(objects, 'Application').find(
    (a) => a.metadata.labels?.['platform.agentic.io/addon'] === 'valkey',
  );
  const bootstrap = ofKind<{ data: Record<string, string> }>(objects, 'ConfigMap').find((c) => c.metadata.name === 'milvus-bootstrap')!.data['bootstrap.sh'];
  return { tenants, roles, valkeyAcl: valkeyApp?.spec.source.helm?.valuesObject.auth?.aclUsers, bootstrap, objects };
}

/** Every resource and s3:prefix a role's policy grants. */
function grantedPatterns(role: DataRole): string[] {
  return role.policy.Statement.flatMap((s) => [...s.Resource, ...Object.values(s.Condition ?? {}).flatMap((c) => Object.values(c).flat())]);
}

const roleOf = (d: Deployed, t: string, kind: 'data' | 'secrets') => {
  const role = [...d.roles.values()].find((r) =>
    kind === 'data' ? r.serviceAccounts.some((sa) => sa.namespace === `tenant-${t}`) : r.name.endsWith(`-external-secrets-tenant-${t}`),
  );
  if (!role) throw new Error(`no ${kind} role for tenant ${t}`);
  return role;
};

describe.each(everyEnvironment())('data isolation in $env ($source)', (synthesized) => {
  const d = deployed(synthesized);
  const pairs = d.tenants.flatMap((a) => d.tenants.filter((b) => b !== a).map((b) => [a, b] as const));

  // The fixture's prod has two tenants, so every pair check below runs on it.
  if (synthesized.source === 'fixture' && synthesized.env === 'prod') {
    it('has at least two tenants to compare', () => {
      expect(d.tenants.length).toBeGreaterThanOrEqual(2);
    });
  }

  it('gives no tenant\'s S3 role any object or listing under another tenant\'s prefix', () => {
    for (const [a, b] of pairs) {
      const role = roleOf(d, a, 'data');
      const bucket = role.policy.Statement.flatMap((s) => s.Resource).find((r) => !r.includes('/'))!;
      const probes = [`${bucket}/tenants/${b}/doc.pdf`, `tenants/${b}/doc.pdf`, `tenants/${b}/`];
      for (const p of grantedPatterns(role)) for (const probe of probes) expect(`${a}: ${p} matches ${probe}: ${globMatches(p, probe)}`).toBe(`${a}: ${p} matches ${probe}: false`);
    }
  });

  it('confines every tenant\'s S3 role to its own prefix, and binds it only to a service account of its namespace', () => {
    for (const t of d.tenants) {
      const role = roleOf(d, t, 'data');
      expect(role.serviceAccounts.map((sa) => sa.namespace)).toEqual([`tenant-${t}`]);
      for (const s of role.policy.Statement) {
        for (const r of s.Resource) {
          if (r.includes('/')) expect(r).toMatch(new RegExp(`/tenants/${t}/\\*$`));
          // A bucket-level action (listing) must carry a prefix condition on the tenant's prefix.
          else expect(Object.values(s.Condition?.StringLike ?? {}).flat().length).toBeGreaterThan(0);
        }
        for (const prefixes of Object.values(s.Condition ?? {}).flatMap((c) => Object.values(c))) for (const p of prefixes) expect(p.startsWith(`tenants/${t}/`)).toBe(true);
      }
    }
  });

  it('lets no tenant\'s secrets role read another tenant\'s secrets', () => {
    for (const [a, b] of pairs) {
      const role = roleOf(d, a, 'secrets');
      for (const p of grantedPatterns(role)) {
        expect(p).toMatch(new RegExp(`/tenants/${a}/\\*$`));
        expect(globMatches(p, p.replace(`/tenants/${a}/`, `/tenants/${b}/`).replace(/\*$/, 'milvus-AbCdEf'))).toBe(false);
      }
    }
  });

  it('reads each tenant\'s Secrets through a SecretStore of its own namespace and role, for its own secret names only', () => {
    for (const t of d.tenants) {
      const ns = `tenant-${t}`;
      const stores = d.objects.filter((o) => o.metadata.namespace === ns && o.kind === 'SecretStore') as (KubeObject & { spec: { provider: { aws: { role: string } } } })[];
      expect(stores.length).toBe(1);
      expect(stores[0].spec.provider.aws.role).toMatch(new RegExp(`:role/.*-external-secrets-tenant-${t}$`));
      const externalSecrets = d.objects.filter((o) => o.metadata.namespace === ns && o.kind === 'ExternalSecret') as (KubeObject & {
        spec: { secretStoreRef: { kind: string; name: string }; data: { remoteRef: { key: string } }[] };
      })[];
      expect(externalSecrets.map((e) => e.metadata.name).sort()).toEqual(Object.values(TENANT_SECRETS).sort());
      for (const e of externalSecrets) {
        expect(e.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: stores[0].metadata.name });
        for (const ref of e.spec.data) expect(ref.remoteRef.key).toMatch(new RegExp(`/tenants/${t}/[^/]+$`));
      }
    }
  });

  it('lets no tenant define a secret store of its own: not through its Argo CD project, not through its Roles', () => {
    for (const t of d.tenants) {
      const project = ofKind<{ spec: { namespaceResourceBlacklist: { group: string; kind: string }[] } }>(d.objects, 'AppProject').find((p) => p.metadata.name.endsWith(`-tenant-${t}`))!;
      expect(project.spec.namespaceResourceBlacklist).toContainEqual({ group: 'external-secrets.io', kind: 'SecretStore' });
      const roles = ofKind<{ rules: { apiGroups: string[] }[] }>(d.objects, 'Role').filter((r) => r.metadata.namespace === `tenant-${t}`);
      for (const r of roles) for (const rule of r.rules) expect(rule.apiGroups.filter((g) => g === '*' || g.includes('external-secrets'))).toEqual([]);
    }
  });

  it('lets no tenant namespace use a ClusterSecretStore', () => {
    for (const store of ofKind<{ spec: { conditions?: { namespaces?: string[] }[] } }>(d.objects, 'ClusterSecretStore')) {
      const allowed = (store.spec.conditions ?? []).flatMap((c) => c.namespaces ?? []);
      expect(allowed.length).toBeGreaterThan(0);
      expect(allowed.filter((n) => n.startsWith('tenant-'))).toEqual([]);
      expect(store.spec.conditions!.every((c) => c.namespaces && !('namespaceSelector' in c) && !('namespaceRegexes' in c))).toBe(true);
    }
  });

  it('limits each tenant\'s Valkey user to its own key prefix, with no channels and no key listing', () => {
    if (!d.valkeyAcl) return; // an external store: its ACL is managed with it
    for (const [a, b] of pairs) {
      const rule = d.valkeyAcl[`tenant-${a}`].permissions.split(' ');
      const keyPatterns = rule.filter((r) => r.startsWith('~')).map((r) => r.slice(1));
      expect(keyPatterns).toEqual([`${tenantValkeyPrefix(a)}*`]);
      for (const k of keyPatterns) expect(globMatches(k, `${tenantValkeyPrefix(b)}session:1`)).toBe(false);
      expect(rule).toContain('resetkeys');
      expect(rule).toContain('resetchannels');
      expect(rule.filter((r) => r.startsWith('&') || r === 'allkeys' || r === 'allchannels' || r === '+@all')).toEqual([]);
      for (const denied of ['-keys', '-scan', '-@dangerous', '-@admin']) expect(rule).toContain(denied);
    }
  });

  it('grants each tenant\'s Milvus role privileges on its own database only, and binds it only to its own user', () => {
    const lines = d.bootstrap.split('\n');
    for (const [a, b] of pairs) {
      const role = `tenant_${a.replace(/-/g, '_')}_rw`;
      const grants = lines.filter((l) => l.startsWith('grant ')).map((l) => JSON.parse(l.slice('grant '.length).replace(/^'|'$/g, ''))).filter((g) => g.roleName === role);
      expect(grants.length).toBeGreaterThan(0);
      for (const g of grants) {
        expect(g.dbName).toBe(tenantMilvusDatabase(a));
        expect(g.dbName).not.toBe(tenantMilvusDatabase(b));
        expect(g.dbName).not.toBe('*');
      }
      const binds = lines.filter((l) => l.startsWith('bind ')).map((l) => JSON.parse(l.slice('bind '.length).replace(/^'|'$/g, '')));
      expect(binds.filter((x) => x.roleName === role).map((x) => x.userName)).toEqual([`tenant_${a.replace(/-/g, '_')}`]);
    }
  });

  it('still lets tenants reach ai-data on the Milvus and Valkey ports only (reachability analyzer)', () => {
    const model = modelFromManifests(d.objects);
    for (const t of d.tenants) expect(namespaceReach(model, `tenant-${t}`, 'ai-data').toString()).toBe(`TCP ${PORTS.redis}, ${PORTS.milvus}`);
  });
});
