import { describe, expect, it } from 'vitest';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { namespaceReach } from '../../src/analysis/matrix.js';
import { ISTIO_CNI_NAMESPACE, ISTIO_SYSTEM_NAMESPACE, ISTIOD_PORTS } from '../../src/addons/istio.js';
import { environmentReadme, readmeTenants } from '../../src/synth/environment-readme.js';
import { everyEnvironment, fixtureInput, objectsOf, ofKind, repoInput } from '../support/synth.js';

interface HelmApp { metadata: { name: string; annotations: Record<string, string> }; spec: { destination: { namespace: string }; source: { helm: { valuesObject: Record<string, any> } } } }
const wave = (a: HelmApp) => Number(a.metadata.annotations['argocd.argoproj.io/sync-wave']);

describe.each(everyEnvironment())('the Istio mesh in $env ($source)', ({ source, env, charts }) => {
  const input = source === 'fixture' ? fixtureInput() : repoInput();
  const environment = input.environments.find((e) => e.name === env)!;
  const objects = objectsOf(charts);
  const namespaces = ofKind(objects, 'Namespace');
  const meshed = namespaces.filter((n) => n.metadata.labels?.['istio-injection'] === 'enabled').map((n) => n.metadata.name);
  const apps = ofKind<HelmApp>(objectsOf(charts, 'argocd'), 'Application');
  const app = (name: string) => apps.find((a) => a.metadata.name === `${env}-${name}`);

  it('labels namespaces for sidecar injection exactly when the environment turns the mesh on', () => {
    expect(meshed.length > 0).toBe(environment.mesh.istio);
    expect(app('istiod') !== undefined).toBe(environment.mesh.istio);
  });

  it('lets the sidecars of every meshed namespace reach istiod on 15012, per the NetworkPolicies of both ends', () => {
    const model = modelFromManifests(objects);
    for (const ns of meshed) expect(namespaceReach(model, ns, ISTIO_SYSTEM_NAMESPACE).has('TCP', ISTIOD_PORTS.xds), ns).toBe(true);
  });

  it('shows the meshed namespaces\' route to istiod in the environment README', () => {
    const readme = environmentReadme(environment, readmeTenants(input, environment), objects);
    expect(readme.includes(ISTIO_SYSTEM_NAMESPACE)).toBe(environment.mesh.istio);
    if (environment.mesh.istio) expect(readme).toMatch(/-->\|"[^"]*TCP[^"]*15012[^"]*"\| istio_system/);
  });

  it('installs the Istio CNI plugin before istiod, and istiod knows it: injected pods need no NET_ADMIN init container', () => {
    if (!environment.mesh.istio) return;
    const cni = app('istio-cni')!;
    const istiod = app('istiod')!;
    expect(istiod.spec.source.helm.valuesObject.pilot.cni.enabled).toBe(true);
    expect(wave(cni)).toBeLessThan(wave(istiod));
    // istiod's webhook answers before any meshed namespace's workloads are synced.
    const workloadWaves = apps.filter((a) => a.metadata.name !== istiod.metadata.name && wave(a) > wave(istiod));
    expect(workloadWaves.length).toBeGreaterThan(0);
  });

  it('keeps istio-system at Pod Security restricted and confines the privileged CNI agent to its own namespace', () => {
    if (!environment.mesh.istio) return;
    const level = (name: string) => namespaces.find((n) => n.metadata.name === name)?.metadata.labels?.['pod-security.kubernetes.io/enforce'];
    expect(level(ISTIO_SYSTEM_NAMESPACE)).toBe('restricted');
    expect(level(ISTIO_CNI_NAMESPACE)).toBe('privileged');
    expect(app('istio-cni')!.spec.destination.namespace).toBe(ISTIO_CNI_NAMESPACE);
    expect(app('istiod')!.spec.destination.namespace).toBe(ISTIO_SYSTEM_NAMESPACE);
    expect(app('istiod')!.spec.source.helm.valuesObject.pilot.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });
});
