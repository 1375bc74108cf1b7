import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { ClientGateway as ClientGatewaySettings } from '../config/schema/gateway.js';
import { customResource, GATEWAY_API_V1, KGATEWAY_API, KGATEWAY_V1ALPHA1 } from '../gateway/custom-resource.js';
import { CLIENT_GATEWAY, CLIENT_LISTENER, GATEWAY_NAME_LABEL } from '../gateway/routing.js';
import { PORTS } from '../lib/ports.js';
import { syncWave } from '../lib/argocd-annotations.js';
import { PodMetricsScrape } from './pod-monitor.js';

export interface ClientGatewayProps {
  readonly namespace: string;
  readonly settings: ClientGatewaySettings;
  /**
   * Envoy proxy replicas.
   * @default 2
   */
  readonly replicas?: number;
}

/** Name of the JWT GatewayExtension every non-public client route refers to. */
export const JWT_EXTENSION = 'client-jwt';
const JWKS_BACKEND = 'jwks';

/**
 * The client-facing gateway (kgateway, Envoy): an HTTPS Gateway whose certificate is a Secret reference, exposed
 * through an AWS NLB (the Service settings come from GatewayParameters), admitting routes from its own namespace
 * only; the JWT validator (issuer, audiences, remote JWKS over TLS) that tenant routes attach; the NLB's way in
 * through the default-deny policies; and a PodMonitor for the Envoy stats.
 */
export class ClientGateway extends Construct {
  constructor(scope: Construct, id: string, props: ClientGatewayProps) {
    super(scope, id);
    const { namespace, settings } = props;
    const replicas = props.replicas ?? 2;
    const jwks = new URL(settings.jwt.jwksUrl);

    customResource(this, 'parameters', KGATEWAY_V1ALPHA1, 'GatewayParameters', { name: CLIENT_GATEWAY, namespace }, {
      kube: {
        deployment: { replicas },
        envoyContainer: {
          resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
        },
        podTemplate: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
        service: {
          type: 'LoadBalancer',
          extraAnnotations: {
            // The AWS Load Balancer Controller provisions an NLB that sends traffic straight to the Envoy pods.
            'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
            'service.beta.kubernetes.io/aws-load-balancer-scheme': settings.loadBalancerScheme,
            'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
          },
        },
      },
    });

    customResource(this, 'gateway', GATEWAY_API_V1, 'Gateway', { name: CLIENT_GATEWAY, namespace }, {
      gatewayClassName: 'kgateway',
      infrastructure: { parametersRef: { group: KGATEWAY_API, kind: 'GatewayParameters', name: CLIENT_GATEWAY } },
      listeners: [
        {
          name: CLIENT_LISTENER,
          protocol: 'HTTPS',
          port: 443,
          hostname: settings.hostname,
          tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: settings.certificateSecret }] },
          // Only the platform attaches routes here: tenant routes live in this namespace, next to their policies.
          allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] },
        },
      ],
    });

    // The issuer's signing keys, fetched by Envoy over TLS verified against the system CAs.
    customResource(this, 'jwks-backend', KGATEWAY_V1ALPHA1, 'Backend', { name: JWKS_BACKEND, namespace }, {
      type: 'Static',
      static: { hosts: [{ host: jwks.hostname, port: jwks.port ? Number(jwks.port) : 443 }] },
    });
    customResource(this, 'jwks-tls', KGATEWAY_V1ALPHA1, 'BackendConfigPolicy', { name: `${JWKS_BACKEND}-tls`, namespace }, {
      targetRefs: [{ group: KGATEWAY_API, kind: 'Backend', name: JWKS_BACKEND }],
      tls: { wellKnownCACertificates: 'System', sni: jwks.hostname },
    });

    customResource(this, 'jwt', KGATEWAY_V1ALPHA1, 'GatewayExtension', { name: JWT_EXTENSION, namespace }, {
      type: 'JWT',
      jwt: {
        validationMode: 'Strict',
        providers: [
          {
            name: 'platform-idp',
            issuer: settings.jwt.issuer,
            audiences: [...settings.jwt.audiences],
            jwks: { remote: { url: settings.jwt.jwksUrl, backendRef: { group: KGATEWAY_API, kind: 'Backend', name: JWKS_BACKEND }, cacheDuration: '5m' } },
          },
        ],
      },
    });

    // The NLB sends client traffic (and its health checks) to the Envoy pods' HTTPS port; nothing else gets in.
    const proxyPods = { [GATEWAY_NAME_LABEL]: CLIENT_GATEWAY };
    new k8s.KubeNetworkPolicy(this, 'allow-load-balancer', {
      metadata: { name: `${CLIENT_GATEWAY}-allow-load-balancer`, namespace, annotations: syncWave(-1) },
      spec: {
        podSelector: { matchLabels: proxyPods },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(PORTS.clientGatewayHttps) }] }],
      },
    });

    new PodMetricsScrape(this, 'metrics', { name: CLIENT_GATEWAY, namespace, selector: proxyPods, port: PORTS.envoyMetrics });
  }
}
