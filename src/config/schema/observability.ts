import { Type, type Static } from '@sinclair/typebox';
import { DnsLabel, HttpUrl, Quantity, withDefault } from './common.js';

/** Where one of Langfuse's stores runs: absent = in the cluster, installed by the Langfuse chart (no Bitnami images). */
const ExternalStore = (what: string) =>
  Type.Optional(
    Type.Object(
      { host: Type.String({ minLength: 1, description: `Host name of the external ${what}.` }) },
      { additionalProperties: false, description: `An external ${what} instead of the in-cluster one the Langfuse chart deploys.` },
    ),
  );

/** Settings of the observability layer (Prometheus, Alertmanager, Grafana, OpenTelemetry Collector, Langfuse) and of cost reporting. */
export const ObservabilitySettings = Type.Object(
  {
    prometheusUrl: withDefault(
      HttpUrl('Prometheus that KEDA queries for model-server and GPU metrics.'),
      'http://prometheus-operated.observability.svc:9090',
    ),
    prometheus: withDefault(
      Type.Object(
        {
          retention: withDefault(Type.String({ pattern: '^[0-9]+(h|d|w|y)$', description: 'How long Prometheus keeps samples, e.g. 15d.' }), '15d'),
          storage: withDefault(Quantity('Size of the PersistentVolumeClaim of each Prometheus replica.'), '100Gi'),
          storageClass: Type.Optional(DnsLabel('StorageClass of that claim. @default - the cluster default (gp3 on EKS)')),
          replicas: withDefault(Type.Integer({ minimum: 1, maximum: 3, description: 'Prometheus replicas (each scrapes everything).' }), 1),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    grafana: withDefault(
      Type.Object(
        {
          adminSecret: withDefault(
            DnsLabel('Secret in observability with keys admin-user and admin-password of the Grafana admin (never in Git).'),
            'grafana-admin',
          ),
          oidc: Type.Optional(
            Type.Object(
              {
                authUrl: Type.String({ format: 'uri', pattern: '^https://', description: 'OAuth authorization endpoint of the identity provider.' }),
                tokenUrl: Type.String({ format: 'uri', pattern: '^https://', description: 'OAuth token endpoint.' }),
                apiUrl: Type.String({ format: 'uri', pattern: '^https://', description: 'OIDC userinfo endpoint.' }),
                groupsClaim: withDefault(Type.String({ pattern: '^[A-Za-z0-9_:.-]+$', description: 'Claim that lists the user\'s groups.' }), 'groups'),
                clientId: Type.String({ minLength: 1, description: 'OAuth client id of Grafana at the identity provider.' }),
                clientSecret: withDefault(
                  DnsLabel('Secret in observability whose key client-secret holds the OAuth client secret.'),
                  'grafana-oidc',
                ),
                rootUrl: Type.String({ format: 'uri', pattern: '^https://', description: 'URL users open Grafana at (its OAuth redirect base).' }),
                adminGroups: withDefault(Type.Array(Type.String({ minLength: 1 }), { description: 'OIDC groups that become Grafana Admins.' }), []),
                editorGroups: withDefault(Type.Array(Type.String({ minLength: 1 }), { description: 'OIDC groups that become Grafana Editors; everyone else is a Viewer.' }), []),
              },
              { additionalProperties: false, description: 'Log in to Grafana with the environment\'s identity provider (generic OAuth).' },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    langfuse: withDefault(
      Type.Object(
        {
          url: withDefault(
            Type.String({ format: 'uri', description: 'URL users open Langfuse at (NEXTAUTH_URL).' }),
            'http://langfuse-web.observability.svc.cluster.local:3000',
          ),
          clickhouse: ExternalStore('ClickHouse (HTTP 8123, native 9000); absent: a ClickHouseCluster through the ClickHouse operator'),
          postgres: ExternalStore('PostgreSQL (e.g. Amazon RDS)'),
          redis: ExternalStore('Redis/Valkey (e.g. Amazon ElastiCache)'),
          s3: Type.Optional(
            Type.Object(
              {
                bucket: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'S3 bucket for Langfuse events, media and exports.' }),
                region: Type.String({ pattern: '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$', description: 'Region of the bucket.' }),
              },
              { additionalProperties: false, description: 'Amazon S3 (through EKS Pod Identity) instead of the in-cluster SeaweedFS.' },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      {},
    ),
    cost: withDefault(
      Type.Object(
        {
          currency: withDefault(Type.String({ pattern: '^[A-Z]{3}$', description: 'Currency of the prices.' }), 'USD'),
          hoursPerMonth: withDefault(Type.Number({ exclusiveMinimum: 0, description: 'Hours a month is billed for.' }), 730),
          instancePrices: withDefault(
            Type.Record(Type.String({ pattern: '^[a-z0-9-]+\\.[a-z0-9-]+$' }), Type.Number({ exclusiveMinimum: 0 }), {
              description: 'Price per hour of each EC2 instance type (on-demand, or your negotiated rate), e.g. p4d.24xlarge: 21.96.',
            }),
            {},
          ),
          cpuInstance: Type.Optional(
            Type.Object(
              {
                type: Type.String({ pattern: '^[a-z0-9-]+\\.[a-z0-9-]+$', description: 'Instance type (its price must be in instancePrices).' }),
                vcpus: Type.Integer({ minimum: 1, description: 'Its vCPUs.' }),
                memoryGiB: Type.Number({ exclusiveMinimum: 0, description: 'Its memory (GiB).' }),
              },
              { additionalProperties: false, description: 'The general-purpose instance CPU and memory are priced at.' },
            ),
          ),
        },
        { additionalProperties: false, description: 'Prices for `npm run report -- cost` and the Cost dashboard.' },
      ),
      {},
    ),
  },
  { additionalProperties: false },
);

export type ObservabilitySettings = Static<typeof ObservabilitySettings>;
