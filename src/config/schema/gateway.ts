import { Type, type Static } from '@sinclair/typebox';
import { DnsLabel, withDefault } from './common.js';

/** A Gateway API duration such as 300s or 1m30s. */
const Duration = (description: string) =>
  Type.String({ pattern: '^([0-9]{1,5}(h|m|s|ms)){1,4}$', description, errorMessage: 'a duration such as "300s", "2m" or "500ms"' });

const HttpsUrl = (description: string) =>
  Type.String({ format: 'uri', pattern: '^https://', description, errorMessage: 'an https:// URL' });

/** Clients → agents: the kgateway (Envoy) Gateway in ai-gateway, behind an AWS NLB. */
export const ClientGateway = Type.Object(
  {
    hostname: Type.String({
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,63}$',
      maxLength: 253,
      description: 'DNS name clients use (HTTPS listener hostname, HTTPRoute hostnames).',
      errorMessage: 'a DNS name such as agents.example.com',
    }),
    certificateSecret: DnsLabel('kubernetes.io/tls Secret in ai-gateway with the certificate of hostname (cert-manager or External Secrets fill it; never in this repository).'),
    loadBalancerScheme: withDefault(
      Type.Union([Type.Literal('internet-facing'), Type.Literal('internal')], { description: 'Scheme of the AWS NLB in front of the Gateway.' }),
      'internet-facing',
    ),
    jwt: Type.Object(
      {
        issuer: HttpsUrl('Token issuer (iss), e.g. a Cognito user pool URL.'),
        audiences: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true, description: 'Accepted audiences (aud).' }),
        jwksUrl: HttpsUrl('Where the issuer publishes its signing keys (JWKS).'),
        tenantClaim: withDefault(
          Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_:.-]{0,63}$', description: 'Claim that names the tenant a token belongs to; a tenant route admits only tokens whose claim equals its tenant.' }),
          'tenant',
        ),
      },
      { additionalProperties: false, description: 'JWT validation on every route that is not public.' },
    ),
    publicRoutes: withDefault(
      Type.Array(
        Type.Object(
          { tenant: DnsLabel('Tenant that declares the route.'), agent: DnsLabel('The route\'s agent (tenant routes[].agent).') },
          { additionalProperties: false },
        ),
        { description: 'Tenant routes served without a token (still rate-limited). Every other route requires a valid JWT.' },
      ),
      [],
    ),
  },
  { additionalProperties: false, description: 'The API gateway clients reach agents through (kgateway).' },
);

export const BedrockFallback = Type.Object(
  {
    model: DnsLabel('Catalog model this backend stands in for.'),
    bedrock: Type.Object(
      {
        model: Type.String({ minLength: 1, description: 'Bedrock model id, e.g. anthropic.claude-3-5-haiku-20241022-v1:0.' }),
        region: Type.String({ pattern: '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$', description: 'AWS region of the Bedrock endpoint.' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'Secondary backend used when every replica of the model fails.' },
);

/** Agents → models: the agentgateway Gateway every model call passes through. */
export const ModelGateway = Type.Object(
  {
    requestTimeout: withDefault(Duration('Longest a model call may take, retries included.'), '300s'),
    retries: withDefault(Type.Integer({ minimum: 0, maximum: 5, description: 'Retries of a failed model call (on 500, 502, 503, 504) before the fallback group.' }), 2),
    fallbacks: withDefault(Type.Array(BedrockFallback, { description: 'Failover backends, at most one per catalog model.' }), []),
  },
  { additionalProperties: false, default: {}, description: 'The internal AI gateway (agentgateway).' },
);

export const GatewaySettings = Type.Object(
  {
    clients: Type.Optional(ClientGateway),
    models: ModelGateway,
  },
  { additionalProperties: false, default: {}, description: 'API gateway layer. Without clients, no Gateway is exposed to clients.' },
);

export type GatewaySettings = Static<typeof GatewaySettings>;
export type ClientGateway = Static<typeof ClientGateway>;
export type ModelGateway = Static<typeof ModelGateway>;
