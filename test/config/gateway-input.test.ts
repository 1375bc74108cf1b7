import { describe, expect, it } from 'vitest';
import { InputErrors, formatInputError } from '../../src/config/input-error.js';
import { LAB_ENV, LAB_TENANTS, labInput } from '../support/gateway-fixture.js';

/** The errors loading the gateway lab gives after `changes`. */
function errorsOf(changes: Record<string, string>): string[] {
  try {
    labInput(changes);
    return [];
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    return e.errors.map(formatInputError);
  }
}

const edit = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`fixture: "${from}" not found`);
  return text.replace(from, to);
};
const env = (from: string, to: string) => ({ 'environments/lab.yaml': edit(LAB_ENV, from, to) });
const acme = (from: string, to: string) => ({ 'tenants/acme.yaml': edit(LAB_TENANTS.acme, from, to) });

describe('gateway inputs', () => {
  it('accepts the lab as it is', () => {
    expect(errorsOf({})).toEqual([]);
  });

  it.each([
    ['a request rate limit of 0', acme('requestsPerMinute: 120', 'requestsPerMinute: 0'), 'tenants/acme.yaml:8:34 rateLimits.requestsPerMinute: must be an integer from 1 to 2147483647 (got 0)'],
    ['a token rate limit of 0', acme('tokensPerMinute: 5000', 'tokensPerMinute: 0'), 'tenants/acme.yaml:8:56 rateLimits.tokensPerMinute: must be an integer from 1 to 2147483647 (got 0)'],
    ['a route to an agent that does not exist', acme('  - agent: faq\n', '  - agent: helpdesk\n'),
      'tenants/acme.yaml:15:12 routes[1].agent: no agent "helpdesk" in this tenant (agents: support, faq, internal); declare it under agents or remove the route'],
    ['two routes to one agent', acme('  - agent: faq\n', '  - agent: support\n'),
      'tenants/acme.yaml:15:12 routes[1].agent: agent "support" already has a route at routes[0]; remove one'],
    ['a fallback for a model outside the catalog', env('      - model: alpha\n', '      - model: delta\n'),
      'environments/lab.yaml:40:16 gateway.models.fallbacks[0].model: model "delta" is not in this environment\'s catalog (models: alpha, beta, gamma); fix the name or add the model under models'],
    ['a public route of an unknown tenant', env('{ tenant: acme, agent: faq }', '{ tenant: umbrella, agent: faq }'),
      'environments/lab.yaml:35:19 gateway.clients.publicRoutes[0].tenant: no tenant "umbrella" (tenants: acme, globex, initech); fix the name or add tenants/umbrella.yaml'],
    ['a public route the tenant does not declare', env('{ tenant: acme, agent: faq }', '{ tenant: acme, agent: internal }'),
      'environments/lab.yaml:35:32 gateway.clients.publicRoutes[0].agent: tenant "acme" has no route to agent "internal" (routes: support, faq); add it under routes in tenants/acme.yaml'],
    ['a JWKS URL without TLS', env('jwksUrl: https://', 'jwksUrl: http://'),
      'environments/lab.yaml:32:16 gateway.clients.jwt.jwksUrl: must be an https:// URL (got "http://keys.example.com/lab/jwks.json")'],
    ['a timeout that is not a duration', env('requestTimeout: 90s', 'requestTimeout: 90 seconds'),
      'environments/lab.yaml:37:21 gateway.models.requestTimeout: must be a duration such as "300s", "2m" or "500ms" (got "90 seconds")'],
    ['a model named like another model\'s endpoint picker', env('  - { name: gamma,', '  - { name: beta-epp,'),
      'environments/lab.yaml:23:13 models[2].name: "beta-epp" is the name of model "beta"\'s endpoint picker; rename this model'],
    ['an unknown gateway key', env('    retries: 3\n', '    retry: 3\n'),
      'environments/lab.yaml:38:5 gateway.models.retry: unknown key "retry"; allowed keys: requestTimeout, retries, fallbacks'],
  ])('fails on %s, naming the file and line', (_why, changes, expected) => {
    expect(errorsOf(changes)).toContain(expected);
  });
});
