import { Type, type Static } from '@sinclair/typebox';
import { Quantity, withDefault } from './common.js';

const Replicas = (description: string, value: number) => withDefault(Type.Integer({ minimum: 1, maximum: 20, description }), value);
const Schedule = (description: string, value: string) =>
  withDefault(Type.String({ pattern: '^(\\S+\\s+){4}\\S+$', description, errorMessage: 'a cron schedule of five fields, e.g. "0 2 * * *"' }), value);

/** Milvus in cluster mode (milvus-helm chart, Milvus 2.6: mixCoord, proxy, query, data and streaming nodes; etcd). */
export const MilvusSettings = Type.Object(
  {
    proxyReplicas: Replicas('Proxy replicas (the endpoint clients connect to).', 2),
    queryNodeReplicas: Replicas('Query node replicas (search; segments loaded in memory).', 2),
    dataNodeReplicas: Replicas('Data node replicas (flush, compaction and, since Milvus 2.6, index building).', 2),
    streamingNodeReplicas: Replicas('Streaming node replicas (the Woodpecker write-ahead log, kept on S3).', 2),
    etcdReplicas: withDefault(Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(5)], { description: 'etcd members (metadata); odd.' }), 3),
    etcdStorage: withDefault(Quantity('PVC size of each etcd member.'), '10Gi'),
    backupSchedule: Schedule('When milvus-backup copies every database to the backup prefix of the bucket (UTC).', '0 2 * * *'),
  },
  { additionalProperties: false, default: {} },
);

/** The Redis-compatible session cache and task queue store. */
export const ValkeySettings = Type.Object(
  {
    replicas: withDefault(
      Type.Integer({ minimum: 0, maximum: 5, description: 'Read replicas besides the primary (0: a single node).' }),
      2,
    ),
    storage: withDefault(Quantity('PVC size of each Valkey node (RDB and AOF files).'), '8Gi'),
    backupSchedule: Schedule('When the primary\'s RDB snapshot is copied to the backup prefix of the bucket (UTC).', '30 2 * * *'),
    external: Type.Optional(
      Type.Object(
        {
          host: Type.String({ pattern: '^[a-z0-9.-]+$', description: 'Endpoint of an existing store, e.g. an ElastiCache for Valkey primary endpoint.' }),
          port: withDefault(Type.Integer({ minimum: 1, maximum: 65535 }), 6379),
        },
        {
          additionalProperties: false,
          description: 'Use this store instead of installing Valkey (its ACL users, TLS and backups are then managed with it, outside this repository).',
        },
      ),
    ),
  },
  { additionalProperties: false, default: {} },
);

/** The data layer of an environment: Milvus, Valkey, the S3 document bucket and where credentials live. */
export const DataSettings = Type.Object(
  {
    bucket: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
        description: 'S3 bucket of this environment: Milvus data under milvus/, tenants\' documents under tenants/<tenant>/, backups under backups/. Created outside this repository. Default: agentic-<env>-<accountId>.',
        errorMessage: 'an S3 bucket name: 3 to 63 lowercase letters, digits, "." or "-"',
      }),
    ),
    secretsPrefix: withDefault(
      Type.String({ pattern: '^[A-Za-z0-9/_+=.@-]+$', description: 'Prefix of this environment\'s secrets in AWS Secrets Manager (<prefix>/platform/..., <prefix>/tenants/<tenant>/...).' }),
      'agentic-platform',
    ),
    milvus: MilvusSettings,
    valkey: ValkeySettings,
  },
  { additionalProperties: false, default: {}, description: 'Data layer: Milvus, Valkey, S3 and AWS Secrets Manager.' },
);

export type DataSettings = Static<typeof DataSettings>;
