import { describe, expect, it } from 'vitest';
import { synthesizeEnvironment } from '../../src/app.js';
import type { Environment, Model } from '../../src/config/schema/environment.js';
import { EFS_STORAGE_CLASS } from '../../src/addons/storage.js';
import { objectsOf, ofKind, fixtureInput } from '../support/synth.js';

/** An environment from the examples with exactly one model, changed as the test needs (a fixture, not the example). */
function withModel(change: (m: Model) => Model, envChange: (e: Environment) => Environment = (e) => e): Environment {
  const base = fixtureInput().environments.find((e) => e.models.length > 0)!;
  return envChange({ ...base, models: [change({ ...base.models[0], canary: undefined })] });
}
const synth = (env: Environment) => synthesizeEnvironment(fixtureInput(), env);
const deploymentJson = (env: Environment) => JSON.stringify(ofKind(objectsOf(synth(env), 'inference'), 'Deployment'));
/** The HF_TOKEN variables of the environment's model servers. */
const tokenEnv = (env: Environment) =>
  (ofKind(objectsOf(synth(env), 'inference'), 'Deployment') as unknown as { spec: { template: { spec: { containers: { env: { name: string }[] }[] } } } }[])
    .flatMap((d) => d.spec.template.spec.containers.flatMap((c) => c.env.filter((e) => e.name === 'HF_TOKEN')));

describe('Hugging Face token', () => {
  it('starts an ungated model that names no secret without any Secret', () => {
    const env = withModel((m) => ({ ...m, gated: false, hfTokenSecret: undefined }));
    expect(deploymentJson(env)).not.toContain('secretKeyRef');
    expect(deploymentJson(env)).not.toContain('HF_TOKEN');
  });

  it('gives a gated model the token from Secret hf-token', () => {
    const env = withModel((m) => ({ ...m, gated: true, hfTokenSecret: undefined }));
    expect(tokenEnv(env)).toEqual([{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } } }]);
  });

  it('uses the Secret a model names, gated or not', () => {
    for (const gated of [true, false]) {
      const env = withModel((m) => ({ ...m, gated, hfTokenSecret: 'hf-token-team' }));
      expect(tokenEnv(env)).toEqual([{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token-team', key: 'token' } } }]);
    }
  });
});

describe('EFS model caches', () => {
  const onEfs = (m: Model): Model => ({ ...m, cache: { type: 'shared-pvc', size: '100Gi', storageClass: EFS_STORAGE_CLASS } });

  it('fails when a model caches on efs-sc and the environment names no EFS file system', () => {
    const env = withModel(onEfs, (e) => ({ ...e, efs: undefined }));
    expect(() => synth(env)).toThrow(new RegExp(`environments/${env.name}\\.yaml: models ${env.models[0].name} cache on StorageClass efs-sc, but efs\\.fileSystemId is not set`));
  });

  it('creates the efs-sc StorageClass on the file system and installs the EFS CSI driver before the models', () => {
    const env = withModel(onEfs, (e) => ({ ...e, efs: { fileSystemId: 'fs-0123456789abcdef0' } }));
    const charts = synth(env);
    const sc = ofKind(objectsOf(charts, 'inference'), 'StorageClass')[0] as unknown as { metadata: { name: string }; provisioner: string; parameters: Record<string, string> };
    expect(sc.metadata.name).toBe(EFS_STORAGE_CLASS);
    expect(sc.provisioner).toBe('efs.csi.aws.com');
    expect(sc.parameters).toMatchObject({ provisioningMode: 'efs-ap', fileSystemId: 'fs-0123456789abcdef0' });
    const apps = ofKind(objectsOf(charts, 'argocd'), 'Application');
    const waveOf = (name: string) => Number(apps.find((a) => a.metadata.name === `${env.name}-${name}`)!.metadata.annotations!['argocd.argoproj.io/sync-wave']);
    expect(waveOf('aws-efs-csi-driver')).toBeLessThan(waveOf('inference'));
  });

  it('installs no EFS driver and no StorageClass when the environment names no file system', () => {
    const env = withModel((m) => ({ ...m, cache: { ...m.cache, type: 'node-local' } }), (e) => ({ ...e, efs: undefined }));
    const charts = synth(env);
    expect(ofKind(objectsOf(charts), 'StorageClass')).toEqual([]);
    expect(objectsOf(charts, 'argocd').some((o) => o.metadata.name === `${env.name}-aws-efs-csi-driver`)).toBe(false);
  });
});
