import { describe, expect, it } from 'vitest';
import { App } from 'cdk8s';
import { fixtureInput } from '../support/synth.js';
import { DataBootstrapChart, BOOTSTRAP_IMAGE } from '../../charts/data-bootstrap-chart.js';
import { DataChart } from '../../charts/data-chart.js';
import { dataAddons } from '../../src/addons/data-addons.js';
import { bootstrapSteps } from '../../src/data/milvus-bootstrap.js';
import type { Environment } from '../../src/config/schema/environment.js';
import type { Tenant } from '../../src/config/schema/tenant.js';
import type { KubeObject } from '../../src/app.js';

// GIVEN the fixture's prod, whose small model also serves embeddings of 1024 dimensions, and tenant a with a
// knowledge base embedded by it.
const input = fixtureInput();
const prod = input.environments.find((e) => e.name === 'prod')!;
const embedder = prod.models[prod.models.length - 1].name;
const env: Environment = { ...prod, models: prod.models.map((m) => (m.name === embedder ? { ...m, embeddingDimension: 1024 } : m)) };
const a: Tenant = { ...input.tenants.find((t) => t.name === 'a')!, models: [embedder], knowledgeBases: [{ name: 'support-docs', collection: 'support_docs', embeddingModel: embedder, topK: 5 }] };
const b = input.tenants.find((t) => t.name === 'b')!;

const synth = (chart: { toJson(): unknown[] }) => chart.toJson() as (KubeObject & Record<string, any>)[];
const bootstrap = (e: Environment, tenants: Tenant[]) => synth(new DataBootstrapChart(new App(), 'data-bootstrap', { env: e, tenants }));

describe('Milvus bootstrap', () => {
  const objects = bootstrap(env, [b, a]);
  const script: string = objects.find((o) => o.kind === 'ConfigMap')!.data['bootstrap.sh'];
  const job = objects.find((o) => o.kind === 'Job')!;

  it('creates, per tenant in name order, its database, role, grants on that database, user and binding', () => {
    const lines = script.split('\n').filter((l) => /^(ensure_\w+ '|grant '|bind ')/.test(l));
    expect(lines.slice(0, 6)).toEqual([
      "ensure_database 'tenant_a'",
      "ensure_role 'tenant_a_rw'",
      `grant '{"roleName":"tenant_a_rw","privilege":"DatabaseReadOnly","dbName":"tenant_a","collectionName":"*"}'`,
      `grant '{"roleName":"tenant_a_rw","privilege":"CollectionReadWrite","dbName":"tenant_a","collectionName":"*"}'`,
      "ensure_user 'tenant_a' '/secrets/tenants/a'",
      `bind '{"userName":"tenant_a","roleName":"tenant_a_rw"}'`,
    ]);
    expect(lines).toContain("ensure_database 'tenant_b'");
  });

  it('creates each knowledge base with the design\'s schema, the embedding model\'s dimension and an HNSW/COSINE index', () => {
    const step = bootstrapSteps(env, [a]).find((s) => s.op === 'collection')!;
    expect(step).toMatchObject({ dbName: 'tenant_a', name: 'support_docs' });
    const body = (step as { body: any }).body;
    expect(body.schema.fields.map((f: { fieldName: string; dataType: string }) => `${f.fieldName}:${f.dataType}`)).toEqual([
      'id:Int64', 'content:VarChar', 'embedding:FloatVector', 'metadata:JSON', 'tenant_id:VarChar',
    ]);
    expect(body.schema.fields[2].elementTypeParams.dim).toBe(1024);
    expect(body.indexParams).toEqual([
      { fieldName: 'embedding', indexName: 'embedding_hnsw', metricType: 'COSINE', params: { index_type: 'HNSW', M: 16, efConstruction: 256 } },
    ]);
    expect(script).toContain(`ensure_collection 'tenant_a' 'support_docs' '${JSON.stringify(body)}'`);
  });

  it('is idempotent: checks before creating, and replaces the default root password only when it still works', () => {
    expect(script).toMatch(/ensure_database\(\) \{ has "\$\(must databases\/list/);
    expect(script).toMatch(/ensure_user\(\) \{\n  has "\$\(must users\/list/);
    expect(script).toContain('*\'"has":true\'*) ;;');
    expect(script).toContain('users/update_password');
    expect(script).not.toMatch(/apk |apt-get|pip |npm /);
  });

  it('runs as a restricted pod with a pinned image, on every sync, reading passwords from mounted Secrets only', () => {
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const pod = job.spec.template.spec;
    const [c] = pod.containers;
    expect(c.image).toBe(BOOTSTRAP_IMAGE);
    expect(c.image).toMatch(/:[0-9][^:]*$/);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
    expect(c.env).toBeUndefined();
    expect(pod.volumes.map((v: { name: string; secret?: { secretName: string } }) => v.secret?.secretName).filter(Boolean)).toEqual(['milvus-root', 'milvus-tenant-passwords']);
  });

  it('fails when a knowledge base embeds with a model that has no embeddingDimension', () => {
    expect(() => bootstrap(prod, [a])).toThrow(`tenants/a.yaml: knowledge base embedding model "${embedder}" has no embeddingDimension in environments/prod.yaml`);
  });
});

describe('data layer with an external Valkey (ElastiCache)', () => {
  const external: Environment = { ...env, data: { ...env.data, valkey: { ...env.data.valkey, external: { host: 'sessions.abc123.use1.cache.amazonaws.com', port: 6379 } } } };

  it('installs no Valkey and syncs no Valkey user or certificate Secret', () => {
    expect(dataAddons(external, ['a', 'b']).map((x) => x.name)).toEqual(['external-secrets', 'milvus']);
    const names = synth(new DataChart(new App(), 'data', { env: external, tenants: ['a', 'b'] })).map((o) => o.metadata.name);
    expect(names).not.toContain('valkey-users');
    expect(names).not.toContain('valkey-tls');
  });

  it('installs Valkey with an ACL user per tenant when the environment names no external store', () => {
    const valkey = dataAddons(env, ['b', 'a']).find((x) => x.name === 'valkey')!;
    const acl = (valkey.values as { auth: { aclUsers: Record<string, unknown> } }).auth.aclUsers;
    expect(Object.keys(acl)).toEqual(['default', 'replicator', 'tenant-a', 'tenant-b']);
  });
});
