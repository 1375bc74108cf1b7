/**
 * Names and rules the gateway layer shares between its constructs, the tenant chart and the tests: which Gateways
 * exist, where a tenant's agents are published, who may call which model.
 */
import type { Tenant } from '../config/schema/tenant.js';
import { PLATFORM_NAMESPACE } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';

/** The kgateway (Envoy) Gateway clients reach agents through, behind an AWS NLB. */
export const CLIENT_GATEWAY = 'api-gateway';
/** Its HTTPS listener (sectionName of every client route). */
export const CLIENT_LISTENER = 'https';
/** The agentgateway Gateway every model call passes through; its proxy Service has the same name. */
export const AI_GATEWAY = 'ai-gateway';
export const AI_GATEWAY_LISTENER = 'http';
/** Both Gateways and their proxies live here. */
export const GATEWAY_NAMESPACE = PLATFORM_NAMESPACE.gateway;
/** Model servers, their InferencePools and the AI gateway's model routes live here. */
export const MODEL_NAMESPACE = PLATFORM_NAMESPACE.inference;

/** Label Gateway API implementations put on the proxy pods of a Gateway. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** The design's header for header-based model selection; set from the body's `model` when a caller omits it. */
export const MODEL_ID_HEADER = 'x-model-id';
/** OpenAI-compatible paths the AI gateway serves. */
export const OPENAI_PATHS = ['/v1/chat/completions', '/v1/completions', '/v1/embeddings'] as const;

/**
 * CEL (kgateway `rbac`) for "the verified token's `claim` equals `value`". The JWT filter writes the verified payload
 * to Envoy dynamic metadata, which no client can set (kgateway docs, "Claim-based RBAC").
 */
export function verifiedClaimEquals(claim: string, value: string): string {
  return `metadata.filter_metadata['envoy.filters.http.jwt_authn']['payload'][${celString(claim)}] == ${celString(value)}`;
}

/** Identity of the platform's own agents (ai-agents) at the AI gateway: they may call every model. */
export const PLATFORM_CALLER = 'ai-agents';
/** Label of the Secrets (in ai-gateway) that hold callers' AI gateway credentials. */
export const LLM_CREDENTIAL_LABEL = 'platform.agentic.io/llm-credential';

/** URL agents use as their OpenAI base URL. */
export const AI_GATEWAY_URL = `http://${AI_GATEWAY}.${GATEWAY_NAMESPACE}.svc.cluster.local:${PORTS.aiGateway}/v1`;

/**
 * Name of the Secret in ai-gateway that holds one caller's API key for the AI gateway. The data layer's
 * ExternalSecret fills it with one entry `{"key": "<key>", "metadata": {"tenant": "<caller>"}}`; the same key
 * reaches the caller's own namespace, and the caller sends it as `Authorization: Bearer <key>`.
 */
export function llmCredentialSecret(caller: string): string {
  return `llm-key-${caller}`;
}

/** Path prefix under which clients reach one agent of one tenant. */
export function agentRoutePath(tenant: string, agent: string): string {
  return `/tenants/${tenant}/${agent}`;
}

/** Callers allowed to call `model`: the tenants that list it, and the platform's own agents. Sorted. */
export function modelCallers(model: string, tenants: readonly Pick<Tenant, 'name' | 'models'>[]): string[] {
  return [...tenants.filter((t) => t.models.includes(model)).map((t) => t.name).sort(), PLATFORM_CALLER];
}

/** A CEL string literal; names are DNS labels, so quoting is all it takes. */
export function celString(value: string): string {
  if (!/^[A-Za-z0-9._:-]*$/.test(value)) throw new Error(`internal: "${value}" is not safe in a CEL literal`);
  return `'${value}'`;
}
