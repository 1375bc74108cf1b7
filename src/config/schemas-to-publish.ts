import { publishedSchema } from './published-schema.js';
import { Environment } from './schema/environment.js';
import { Tenant } from './schema/tenant.js';

/** The published schema files, by path relative to the repository root. */
export function publishedSchemas(): Record<string, Record<string, unknown>> {
  return {
    'schemas/environment.schema.json': publishedSchema(Environment, 'https://agentic-platform.io/schemas/environment.schema.json', 'Environment (environments/<env>.yaml)'),
    'schemas/tenant.schema.json': publishedSchema(Tenant, 'https://agentic-platform.io/schemas/tenant.schema.json', 'Tenant (tenants/<tenant>.yaml)'),
  };
}
