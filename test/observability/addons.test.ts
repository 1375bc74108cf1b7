import { describe, expect, it } from 'vitest';
import { everyEnvironment, fixtureEnvironments, named, objectsOf } from '../support/synth.js';
import { OTLP_GRPC_ENDPOINT, PROMETHEUS_URL } from '../../src/lib/platform-services.js';
import { LANGFUSE_CREDENTIALS_SECRET } from '../../src/observability/langfuse.js';

type Application = { spec: { source: { chart?: string; repoURL: string; targetRevision: string; helm?: { valuesObject?: Record<string, any> } }; destination: { namespace: string } } };
const values = (charts: ReturnType<typeof everyEnvironment>[number]['charts'], env: string, addon: string) =>
  (named(objectsOf(charts, 'argocd'), 'Application', `${env}-${addon}`) as unknown as Application).spec.source.helm!.valuesObject!;

describe.each(everyEnvironment())('observability add-ons of $source/$env', ({ env, charts }) => {
  it('installs kube-prometheus-stack in observability without CRDs, selecting monitors and rules of every namespace', () => {
    const app = named(objectsOf(charts, 'argocd'), 'Application', `${env}-kube-prometheus-stack`) as unknown as Application;
    expect(app.spec.destination.namespace).toBe('observability');
    expect(app.spec.source.targetRevision).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
    const v = values(charts, env, 'kube-prometheus-stack');
    expect(v.crds).toEqual({ enabled: false });
    const spec = v.prometheus.prometheusSpec;
    for (const k of ['serviceMonitor', 'podMonitor', 'rule']) {
      expect(spec[`${k}SelectorNilUsesHelmValues`], k).toBe(false);
      expect(spec[`${k}NamespaceSelector`], k).toEqual({});
    }
    expect(spec.enableOTLPReceiver).toBe(true);
    expect(spec.retention).toMatch(/^[0-9]+[hdwy]$/);
  });

  it('runs the collector as Service otel-collector, the address agents and gateways are given, and sends metrics to prometheus-operated', () => {
    expect(OTLP_GRPC_ENDPOINT).toBe('http://otel-collector.observability.svc.cluster.local:4317');
    const v = values(charts, env, 'opentelemetry-collector');
    expect(v.fullnameOverride).toBe('otel-collector');
    expect(v.image.tag).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
    expect(v.alternateConfig.exporters['otlphttp/prometheus'].metrics_endpoint).toBe(`${PROMETHEUS_URL}/api/v1/otlp/v1/metrics`);
    expect(PROMETHEUS_URL).toBe('http://prometheus-operated.observability.svc.cluster.local:9090');
  });

  it('takes the tenant from the connection\'s namespace, never from what the sender claims, and routes each tenant to its own project', () => {
    const c = values(charts, env, 'opentelemetry-collector').alternateConfig;
    const deleted = c.processors['resource/untrusted'].attributes.filter((a: any) => a.action === 'delete').map((a: any) => a.key);
    expect(deleted).toEqual(expect.arrayContaining(['tenant', 'k8s.namespace.name']));
    expect(c.processors.k8sattributes.pod_association).toEqual([{ sources: [{ from: 'connection' }] }]);
    for (const p of ['traces', 'metrics']) {
      const procs: string[] = c.service.pipelines[p].processors;
      expect(procs.indexOf('resource/untrusted'), p).toBeLessThan(procs.indexOf('k8sattributes'));
    }
    for (const route of c.connectors['routing/tenants'].table) {
      const tenant = /== "(.+)"$/.exec(route.condition)![1];
      expect(route.pipelines).toEqual([`traces/langfuse-${tenant}`]);
      const exporter = c.service.pipelines[`traces/langfuse-${tenant}`].exporters[0];
      expect(c.exporters[exporter].auth.authenticator).toBe(`basicauth/${tenant}`);
    }
    expect(c.connectors['routing/tenants'].default_pipelines).toEqual(['traces/langfuse-platform']);
  });

  it('installs Langfuse v4 with every credential from a Secret reference and no Bitnami image', () => {
    const v = values(charts, env, 'langfuse');
    expect(v.langfuse.image.tag).toMatch(/^4\.[0-9]+\.[0-9]+$/);
    for (const key of ['salt', 'encryptionKey']) expect(v.langfuse[key]).toEqual({ secretKeyRef: { name: LANGFUSE_CREDENTIALS_SECRET, key: expect.any(String) } });
    expect(v.langfuse.nextauth.secret.secretKeyRef.name).toBe(LANGFUSE_CREDENTIALS_SECRET);
    const text = JSON.stringify(objectsOf(charts, 'argocd'));
    expect(text).not.toMatch(/bitnami/i);
    expect(JSON.stringify(v)).not.toMatch(/"(password|value)":"[^"]/);
  });
});

describe('Langfuse stores per environment (fixture)', () => {
  const [dev, prod] = ['dev', 'prod'].map((e) => fixtureEnvironments().find((x) => x.env === e)!);

  it('keeps every store in the cluster in dev, ClickHouse through the ClickHouse operator', () => {
    const v = values(dev.charts, 'dev', 'langfuse');
    expect([v.postgresql.deploy, v.redis.deploy, v.clickhouse.deploy, v.s3.deploy]).toEqual([true, true, true, true]);
    const apps = objectsOf(dev.charts, 'argocd').map((o) => o.metadata.name);
    expect(apps).toEqual(expect.arrayContaining(['dev-clickhouse-operator', 'dev-cert-manager']));
  });

  it('uses RDS and S3 in prod, as its file says', () => {
    const v = values(prod.charts, 'prod', 'langfuse');
    expect(v.postgresql).toMatchObject({ deploy: false, host: 'langfuse-prod.cluster-abcdefghijkl.us-west-2.rds.amazonaws.com' });
    expect(v.s3).toMatchObject({ deploy: false, bucket: 'example-langfuse-prod', region: 'us-west-2' });
  });

  it('logs in to Grafana in prod with the identity provider, its groups mapped to roles, the secrets by reference', () => {
    const g = values(prod.charts, 'prod', 'kube-prometheus-stack').grafana;
    expect(g.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(g.envValueFrom.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET).toEqual({ secretKeyRef: { name: 'grafana-oidc', key: 'client-secret' } });
    expect(g['grafana.ini']['auth.generic_oauth'].role_attribute_path).toBe(
      "contains(\"cognito:groups\"[*], 'platform-admins') && 'Admin' || contains(\"cognito:groups\"[*], 'platform-operators') && 'Editor' || 'Viewer'",
    );
    expect(values(dev.charts, 'dev', 'kube-prometheus-stack').grafana['grafana.ini']).toBeUndefined();
  });
});
