/**
 * Addresses and Secret names that layers agree on: one layer creates the service or Secret, others point at it.
 * Layers import these instead of spelling them out, so a rename is one edit and a mismatch cannot compile.
 */
import { PORTS } from './ports.js';

const svc = (name: string, namespace: string, port: number) => `${name}.${namespace}.svc.cluster.local:${port}`;

/** Data layer (ai-data). */
export const MILVUS_ADDRESS = svc('milvus', 'ai-data', PORTS.milvus);
export const VALKEY_ADDRESS = svc('valkey', 'ai-data', PORTS.redis);

/** Observability layer: the OpenTelemetry Collector's OTLP endpoints, and Prometheus (KEDA queries it). */
export const OTLP_GRPC_ENDPOINT = `http://${svc('otel-collector', 'observability', PORTS.otlpGrpc)}`;
export const OTLP_HTTP_ENDPOINT = `http://${svc('otel-collector', 'observability', PORTS.otlpHttp)}`;
export const PROMETHEUS_URL = `http://${svc('prometheus-operated', 'observability', PORTS.prometheus)}`;

/**
 * Secrets in each tenant namespace that the data layer's ExternalSecrets fill (keys in parentheses), for the agent
 * layer to reference. Never created with data by this repository.
 */
export const TENANT_SECRETS = {
  /** The tenant's AI gateway key (`api-key`), the same key as `llm-key-<tenant>` in ai-gateway. */
  llmApiKey: 'llm-api-key',
  /** The tenant's Milvus user (`username`, `password`), with privileges on its own database only. */
  milvus: 'milvus-credentials',
  /** The tenant's Valkey ACL user (`username`, `password`), limited to its key prefix. */
  valkey: 'valkey-credentials',
} as const;

/** Secrets in platform namespaces that the data layer fills (keys in parentheses), never created with data here. */
export const PLATFORM_SECRETS = {
  /** kagent's Postgres connection string (`url`: postgres://user:password@host:5432/kagent?sslmode=require), in ai-agents. */
  kagentDatabase: 'kagent-database',
} as const;

/** The Milvus database of a tenant, and the Valkey key prefix of a tenant. */
export const tenantMilvusDatabase = (tenant: string) => `tenant_${tenant.replace(/-/g, '_')}`;
export const tenantValkeyPrefix = (tenant: string) => `tenant:${tenant}:`;
