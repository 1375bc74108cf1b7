/**
 * How traces reach Langfuse, one project per tenant.
 *
 * Langfuse keeps traces per project, and a project's API keys (public + secret) only read and write that project.
 * Every tenant gets a project of its own, plus one for the platform's namespaces; the collector holds each project's
 * keys and sends a span to the project of the namespace it came from (as the collector saw the connection, never as
 * the sender claims). Tenants get no Langfuse keys at all: they cannot write into or read from another project.
 *
 * Provisioning (see README, "Observability layer"): Langfuse creates one organization and project at start-up from
 * LANGFUSE_INIT_* variables, but not one per tenant, so per tenant an administrator (or a job with an organization
 * API key, through Langfuse's public projects API) creates project `<tenant>` and its API key pair, and stores the
 * pair in AWS Secrets Manager at `langfuse/projects/<tenant>`; the data layer's ExternalSecret turns it into the
 * Secret named here. Tenant users see their project by being members of it (Langfuse SSO with the same IdP).
 */

/** The resource attribute (and Prometheus label) the collector sets from the namespace's tenant label. */
export const TENANT_ATTRIBUTE = 'tenant';

/** Project for spans of the platform's own namespaces (and anything without a tenant). */
export const LANGFUSE_PLATFORM_PROJECT = 'platform';

/**
 * Secret in observability with Langfuse's own credentials, keys: salt, encryption-key, nextauth-secret,
 * postgres-password, postgres-admin-password, redis-password, clickhouse-password, s3-user, s3-password
 * (only those of the stores in use are read).
 */
export const LANGFUSE_CREDENTIALS_SECRET = 'langfuse-credentials';

/** Secret in observability with the API keys of one Langfuse project, keys public-key and secret-key. */
export const langfuseProjectSecret = (project: string) => `langfuse-project-${project}`;

/** AWS Secrets Manager path the data layer's ExternalSecret reads a project's keys from. */
export const langfuseProjectSecretPath = (project: string) => `langfuse/projects/${project}`;
