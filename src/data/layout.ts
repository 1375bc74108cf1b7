/**
 * Where the data layer keeps things, in one place: the S3 bucket and its prefixes, the AWS Secrets Manager names of
 * every credential, the IAM roles and the Kubernetes service accounts they are bound to (EKS Pod Identity).
 * Everything else (charts, the isolation proof, the README's tables) reads these, so a rename is one edit.
 */
import type { Environment } from '../config/schema/environment.js';
import { PLATFORM_NAMESPACE as NS } from '../lib/names.js';

/** Namespace of the External Secrets Operator. */
export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';
/** Service account of the External Secrets Operator controller (bound to the platform secrets reader role). */
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = 'external-secrets';
/** The ClusterSecretStore platform namespaces read from; tenant namespaces cannot use it. */
export const PLATFORM_SECRET_STORE = 'platform-secrets';

/** Service account of Milvus' pods in ai-data (S3 under milvus/). */
export const MILVUS_SERVICE_ACCOUNT = 'milvus';
/** Service account of the backup CronJobs in ai-data (S3 under backups/). */
export const BACKUP_SERVICE_ACCOUNT = 'data-backup';
/** Service account in each tenant namespace whose pods may read and write the tenant's S3 prefix. */
export const TENANT_DATA_SERVICE_ACCOUNT = 'tenant-data';

/** The environment's S3 bucket. */
export function dataBucket(env: Pick<Environment, 'name' | 'aws' | 'data'>): string {
  return env.data.bucket ?? `agentic-${env.name}-${env.aws.accountId}`;
}

/** S3 key prefixes (no leading slash, trailing slash). */
export const S3_PREFIX = {
  milvus: 'milvus/',
  backups: 'backups/',
  tenant: (tenant: string) => `tenants/${tenant}/`,
} as const;

/** Secrets Manager name prefix of one environment. */
export function secretsRoot(env: Pick<Environment, 'name' | 'data'>): string {
  return `${env.data.secretsPrefix}/${env.name}`;
}

/** Secrets Manager names (each secret a JSON object; the property read is given where the secret is used). */
export const SECRET_NAME = {
  milvusRoot: (root: string) => `${root}/platform/milvus-root`,
  valkeyAdmin: (root: string) => `${root}/platform/valkey-admin`,
  valkeyReplication: (root: string) => `${root}/platform/valkey-replication`,
  valkeyTls: (root: string) => `${root}/platform/valkey-tls`,
  huggingFace: (root: string) => `${root}/platform/hf-token`,
  agentsLlmKey: (root: string) => `${root}/platform/agents-llm-key`,
  kagentPostgres: (root: string) => `${root}/platform/kagent-postgres`,
  langfuse: (root: string) => `${root}/platform/langfuse`,
  /** Everything of one tenant lives under this name prefix. */
  tenantRoot: (root: string, tenant: string) => `${root}/tenants/${tenant}/`,
  tenantMilvus: (root: string, tenant: string) => `${root}/tenants/${tenant}/milvus`,
  tenantValkey: (root: string, tenant: string) => `${root}/tenants/${tenant}/valkey`,
  tenantLlmKey: (root: string, tenant: string) => `${root}/tenants/${tenant}/llm-api-key`,
} as const;

/** IAM role names (created outside this repository; their policies are in the `aws-iam` ConfigMap of ai-data). */
export const ROLE_NAME = {
  secretsPlatform: (env: string) => `${env}-external-secrets-platform`,
  secretsTenant: (env: string, tenant: string) => `${env}-external-secrets-tenant-${tenant}`,
  milvus: (env: string) => `${env}-milvus`,
  backup: (env: string) => `${env}-data-backup`,
  tenantData: (env: string, tenant: string) => `${env}-tenant-${tenant}-data`,
} as const;

/** The ClusterSecretStore only one tenant's namespace may use; it assumes a role confined to that tenant's secrets. */
export const tenantSecretStore = (tenant: string) => `tenant-${tenant}-secrets`;

/** Valkey ACL user of a tenant. */
export const tenantValkeyUser = (tenant: string) => `tenant-${tenant}`;
/** Milvus user and role of a tenant. */
export const tenantMilvusUser = (tenant: string) => `tenant_${tenant.replace(/-/g, '_')}`;
export const tenantMilvusRole = (tenant: string) => `tenant_${tenant.replace(/-/g, '_')}_rw`;

/** Secrets the data layer fills in ai-data. */
export const DATA_SECRETS = {
  /** Milvus root password (`password`), for the bootstrap Job and backups. */
  milvusRoot: 'milvus-root',
  /** Every tenant's Milvus password, key `<tenant>` (bootstrap Job only). */
  milvusTenants: 'milvus-tenant-passwords',
  /** Valkey ACL passwords, one key per user (the chart's usersExistingSecret). */
  valkeyUsers: 'valkey-users',
  /** Valkey server certificate (`server.crt`, `server.key`, `ca.crt`). */
  valkeyTls: 'valkey-tls',
} as const;

/** Platform Secrets outside ai-data that the data layer's ExternalSecrets fill, for other layers to mount. */
export const PLATFORM_SECRETS = {
  /** kagent's Postgres connection URL (`url`), in ai-agents. */
  kagentPostgres: { namespace: NS.agents, name: 'kagent-postgres' },
  /** Langfuse project keys (`public-key`, `secret-key`), in observability. */
  langfuse: { namespace: NS.observability, name: 'langfuse-keys' },
} as const;
