import { describe, expect, it } from 'vitest';
import { everyEnvironment, objectsOf, ofKind } from '../support/synth.js';
import type { KubeObject } from '../../src/app.js';
import { TENANT_SECRETS } from '../../src/lib/platform-services.js';
import { LLM_CREDENTIAL_LABEL } from '../../src/gateway/routing.js';

type Application = KubeObject & {
  metadata: { finalizers?: string[] };
  spec: { syncPolicy: { automated: { prune: boolean } }; source: { helm?: { valuesObject: unknown } } };
};

/** Every string value inside a JSON value, with the key it sits under. */
function strings(value: unknown, key = ''): { key: string; value: string }[] {
  if (typeof value === 'string') return [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

describe.each(everyEnvironment())('data layer of $env ($source)', ({ charts }) => {
  const objects = objectsOf(charts);
  const applications = ofKind<Application>(objects, 'Application');
  const addon = (name: string) => applications.find((a) => a.metadata.labels?.['platform.agentic.io/addon'] === name);
  const tenants = ofKind(objects, 'Namespace').map((n) => n.metadata.name).filter((n) => n.startsWith('tenant-'));

  it('puts no Secret with data anywhere: every credential comes from an ExternalSecret', () => {
    const secrets = ofKind<{ data?: unknown; stringData?: unknown }>(objects, 'Secret');
    expect(secrets.filter((s) => s.data !== undefined || s.stringData !== undefined).map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual([]);
  });

  it('uses no Bitnami image, in our manifests or in the values of any add-on', () => {
    const refs = strings(objects).filter(({ key }) => ['image', 'repository', 'registry'].includes(key));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter(({ value }) => /bitnami/i.test(value))).toEqual([]);
  });

  it('never prunes Milvus or Valkey, and does not delete them with their Application', () => {
    for (const app of [addon('milvus'), addon('valkey')].filter((a): a is Application => a !== undefined)) {
      expect(app.spec.syncPolicy.automated.prune).toBe(false);
      expect(app.metadata.finalizers ?? []).toEqual([]);
    }
    expect(addon('milvus')).toBeDefined();
  });

  it('keeps Milvus on S3 through its workload identity: no MinIO, no access keys, authorization on', () => {
    const values = addon('milvus')!.spec.source.helm!.valuesObject as {
      minio: { enabled: boolean };
      externalS3: Record<string, unknown>;
      extraConfigFiles: Record<string, string>;
      pulsarv3: { enabled: boolean };
      etcd: { persistence: { enabled: boolean } };
    };
    expect(values.minio.enabled).toBe(false);
    expect(values.pulsarv3.enabled).toBe(false);
    expect(values.externalS3).toMatchObject({ enabled: true, useIAM: true, useSSL: true });
    expect(values.externalS3.accessKey).toBeUndefined();
    expect(values.externalS3.secretKey).toBeUndefined();
    expect(values.extraConfigFiles['user.yaml']).toContain('authorizationEnabled: true');
    expect(values.etcd.persistence.enabled).toBe(true);
  });

  it('fills every tenant\'s data and gateway credentials, and the gateway\'s copy of each tenant key, from ExternalSecrets', () => {
    const externalSecrets = ofKind<{ spec: { target: { template?: { metadata?: { labels?: Record<string, string> } } } } }>(objects, 'ExternalSecret');
    for (const ns of tenants) {
      const names = externalSecrets.filter((e) => e.metadata.namespace === ns).map((e) => e.metadata.name);
      for (const secret of Object.values(TENANT_SECRETS)) expect(names).toContain(secret);
      const gatewayKey = externalSecrets.find((e) => e.metadata.namespace === 'ai-gateway' && e.metadata.name === `llm-key-${ns.slice('tenant-'.length)}`);
      expect(gatewayKey?.spec.target.template?.metadata?.labels?.[LLM_CREDENTIAL_LABEL]).toBe('true');
    }
  });

  it('gives the stateful stores persistent volumes', () => {
    const milvus = addon('milvus')!.spec.source.helm!.valuesObject as { etcd: { persistence: { size: string } } };
    expect(milvus.etcd.persistence.size).toMatch(/Gi$/);
    const valkey = addon('valkey');
    if (valkey) expect((valkey.spec.source.helm!.valuesObject as { dataStorage: { enabled: boolean } }).dataStorage.enabled).toBe(true);
  });

  it('backs Milvus (and an installed Valkey) up to the backups/ prefix on a schedule, as the backup service account', () => {
    const cronJobs = ofKind<{ spec: { schedule: string; jobTemplate: { spec: { template: { spec: { serviceAccountName: string } } } } } }>(objects, 'CronJob').filter(
      (c) => c.metadata.namespace === 'ai-data',
    );
    const expected = ['milvus-backup', ...(addon('valkey') ? ['valkey-backup'] : [])];
    expect(cronJobs.map((c) => c.metadata.name).sort()).toEqual(expected);
    for (const c of cronJobs) {
      expect(c.spec.schedule.split(' ')).toHaveLength(5);
      expect(c.spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('data-backup');
    }
    const config = ofKind<{ data: Record<string, string> }>(objects, 'ConfigMap').find((c) => c.metadata.name === 'milvus-backup')!;
    expect(config.data['backup.yaml']).toContain('backupRootPath: "backups/milvus"');
    expect(config.data['backup.yaml']).toContain('backupUseIAM: true');
  });
});
