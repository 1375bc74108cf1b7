/**
 * Who may touch which data, as data: the IAM policies of the data layer's roles, each tenant's Valkey ACL rule and
 * Milvus privileges. The charts render these (Valkey values, the Milvus bootstrap Job, the `aws-iam` ConfigMap) and
 * the isolation proof (test/policies/data-isolation.test.ts) reads the same values, so what is proven is what ships.
 */
import type { Environment } from '../config/schema/environment.js';
import { tenantMilvusDatabase, tenantValkeyPrefix } from '../lib/platform-services.js';
import { PLATFORM_NAMESPACE as NS, tenantNamespace } from '../lib/names.js';
import {
  BACKUP_SERVICE_ACCOUNT,
  EXTERNAL_SECRETS_NAMESPACE,
  EXTERNAL_SECRETS_SERVICE_ACCOUNT,
  MILVUS_SERVICE_ACCOUNT,
  ROLE_NAME,
  S3_PREFIX,
  SECRET_NAME,
  TENANT_DATA_SERVICE_ACCOUNT,
  dataBucket,
  secretsRoot,
  tenantMilvusRole,
  tenantMilvusUser,
  tenantValkeyUser,
} from './layout.js';

/** An IAM policy statement, as AWS reads it (only the elements the data layer uses). */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** An IAM role of the data layer: its permissions, and how pods get it (EKS Pod Identity associations). */
export interface DataRole {
  readonly name: string;
  /** Pod Identity associations: the service accounts that get this role. The role trusts pods.eks.amazonaws.com. */
  readonly serviceAccounts: readonly { readonly cluster: string; readonly namespace: string; readonly name: string }[];
  /** Role the External Secrets Operator assumes for a tenant's store (from the platform role); none for the others. */
  readonly assumedBy?: string;
  readonly policy: { readonly Version: '2012-10-17'; readonly Statement: readonly PolicyStatement[] };
}

/** Trust policy of every role associated through EKS Pod Identity. */
export const POD_IDENTITY_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
} as const;

const arn = {
  bucket: (bucket: string) => `arn:aws:s3:::${bucket}`,
  objects: (bucket: string, prefix: string) => `arn:aws:s3:::${bucket}/${prefix}*`,
  // Secrets Manager appends "-" and six random characters to a secret's ARN.
  secret: (env: Environment, name: string) => `arn:aws:secretsmanager:${env.aws.region}:${env.aws.accountId}:secret:${name}-??????`,
  secretsUnder: (env: Environment, prefix: string) => `arn:aws:secretsmanager:${env.aws.region}:${env.aws.accountId}:secret:${prefix}*`,
  role: (env: Environment, name: string) => `arn:aws:iam::${env.aws.accountId}:role/${name}`,
};

/** Read and write objects under one prefix of the bucket, and list only that prefix. */
function s3PrefixStatements(bucket: string, prefix: string, sid: string): PolicyStatement[] {
  return [
    { Sid: `${sid}List`, Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [arn.bucket(bucket)], Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
    {
      Sid: `${sid}Objects`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: [arn.objects(bucket, prefix)],
    },
  ];
}

const readSecrets = (sid: string, resources: string[]): PolicyStatement => ({
  Sid: sid,
  Effect: 'Allow',
  Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  Resource: resources.sort(),
});

/** The cluster a tenant's namespace is on: its dedicated cluster, if it has one. */
function tenantCluster(env: Environment, tenant: string): string {
  return (env.clusters.find((c) => c.dedicatedTo === tenant) ?? env.clusters[0]).name;
}

/** The role a tenant's namespace gets for its S3 prefix (service account `tenant-data`). */
export function tenantDataRole(env: Environment, tenant: string): DataRole {
  return {
    name: ROLE_NAME.tenantData(env.name, tenant),
    serviceAccounts: [{ cluster: tenantCluster(env, tenant), namespace: tenantNamespace(tenant), name: TENANT_DATA_SERVICE_ACCOUNT }],
    policy: { Version: '2012-10-17', Statement: s3PrefixStatements(dataBucket(env), S3_PREFIX.tenant(tenant), 'TenantPrefix') },
  };
}

/** The role the External Secrets Operator assumes for the store only `tenant`'s namespace may use. */
export function tenantSecretsRole(env: Environment, tenant: string): DataRole {
  return {
    name: ROLE_NAME.secretsTenant(env.name, tenant),
    serviceAccounts: [],
    assumedBy: ROLE_NAME.secretsPlatform(env.name),
    policy: { Version: '2012-10-17', Statement: [readSecrets('TenantSecrets', [arn.secretsUnder(env, SECRET_NAME.tenantRoot(secretsRoot(env), tenant))])] },
  };
}

/**
 * Every role of the data layer in an environment: the platform's (External Secrets, Milvus, backups) and two per
 * tenant. The platform secrets role reads the platform's secrets and the tenants' data-store passwords (the bootstrap
 * Job creates the tenants' users with them, Valkey loads its ACL users from them), and may assume the tenant roles.
 */
export function dataRoles(env: Environment, tenants: readonly string[]): DataRole[] {
  const root = secretsRoot(env);
  const bucket = dataBucket(env);
  const platformSecrets = [
    SECRET_NAME.milvusRoot(root), SECRET_NAME.valkeyAdmin(root), SECRET_NAME.valkeyReplication(root), SECRET_NAME.valkeyTls(root),
    SECRET_NAME.huggingFace(root), SECRET_NAME.agentsLlmKey(root), SECRET_NAME.kagentPostgres(root), SECRET_NAME.langfuse(root),
  ].map((n) => arn.secret(env, n));
  const tenantStoreSecrets = tenants.flatMap((t) =>
    [SECRET_NAME.tenantMilvus(root, t), SECRET_NAME.tenantValkey(root, t), SECRET_NAME.tenantLlmKey(root, t)].map((n) => arn.secret(env, n)),
  );
  const platform: DataRole = {
    name: ROLE_NAME.secretsPlatform(env.name),
    serviceAccounts: env.clusters.map((c) => ({ cluster: c.name, namespace: EXTERNAL_SECRETS_NAMESPACE, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT })),
    policy: {
      Version: '2012-10-17',
      Statement: [
        readSecrets('PlatformSecrets', [...platformSecrets, ...tenantStoreSecrets]),
        ...(tenants.length > 0
          ? [{ Sid: 'TenantStores', Effect: 'Allow' as const, Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: tenants.map((t) => arn.role(env, ROLE_NAME.secretsTenant(env.name, t))).sort() }]
          : []),
      ],
    },
  };
  const milvus: DataRole = {
    name: ROLE_NAME.milvus(env.name),
    serviceAccounts: [{ cluster: env.clusters[0].name, namespace: NS.data, name: MILVUS_SERVICE_ACCOUNT }],
    policy: { Version: '2012-10-17', Statement: s3PrefixStatements(bucket, S3_PREFIX.milvus, 'Milvus') },
  };
  const backup: DataRole = {
    name: ROLE_NAME.backup(env.name),
    serviceAccounts: [{ cluster: env.clusters[0].name, namespace: NS.data, name: BACKUP_SERVICE_ACCOUNT }],
    policy: {
      Version: '2012-10-17',
      Statement: [
        // milvus-backup reads Milvus' files and writes the copy under backups/.
        { Sid: 'ReadMilvus', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [arn.objects(bucket, S3_PREFIX.milvus)] },
        { Sid: 'ListMilvus', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [arn.bucket(bucket)], Condition: { StringLike: { 's3:prefix': [`${S3_PREFIX.milvus}*`] } } },
        ...s3PrefixStatements(bucket, S3_PREFIX.backups, 'Backups'),
      ],
    },
  };
  return [platform, milvus, backup, ...tenants.flatMap((t) => [tenantSecretsRole(env, t), tenantDataRole(env, t)])];
}

/**
 * Command categories a tenant's agents get on Valkey: strings, hashes, lists, sets, sorted sets and streams (session
 * cache, task queues with consumer groups), transactions and connection commands. Nothing that lists or scans keys
 * outside the ACL's patterns (KEYS, SCAN, RANDOMKEY), no administration, no Pub/Sub channels, no scripts.
 */
export const TENANT_VALKEY_CATEGORIES = ['+@read', '+@write', '+@string', '+@hash', '+@list', '+@set', '+@sortedset', '+@stream', '+@transaction', '+@connection'] as const;
export const TENANT_VALKEY_DENIED = ['-@dangerous', '-@admin', '-@scripting', '-@pubsub', '-keys', '-scan', '-randomkey'] as const;

/** The Valkey ACL permissions of a tenant's user: its key prefix only, no channels. */
export function tenantValkeyAcl(tenant: string): { user: string; keyPatterns: string[]; permissions: string } {
  const keyPatterns = [`${tenantValkeyPrefix(tenant)}*`];
  return {
    user: tenantValkeyUser(tenant),
    keyPatterns,
    permissions: ['resetkeys', ...keyPatterns.map((k) => `~${k}`), 'resetchannels', '-@all', ...TENANT_VALKEY_CATEGORIES, ...TENANT_VALKEY_DENIED].join(' '),
  };
}

/** A Milvus privilege grant: a built-in privilege group on one database (and collection pattern). */
export interface MilvusGrant {
  readonly privilege: string;
  readonly dbName: string;
  readonly collectionName: string;
}

/** A tenant's Milvus user, its role, and the role's grants: its own database only. */
export function tenantMilvusAccess(tenant: string): { database: string; user: string; role: string; grants: MilvusGrant[] } {
  const database = tenantMilvusDatabase(tenant);
  return {
    database,
    user: tenantMilvusUser(tenant),
    role: tenantMilvusRole(tenant),
    grants: [
      // Built-in privilege groups (Milvus 2.5+): describe the database and list its collections; read and write the
      // data of its collections (search, query, insert, upsert, delete, load).
      { privilege: 'DatabaseReadOnly', dbName: database, collectionName: '*' },
      { privilege: 'CollectionReadWrite', dbName: database, collectionName: '*' },
    ],
  };
}
