import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

/** Namespace of the kgateway controller (the Envoy proxies it deploys run next to their Gateway, in ai-gateway). */
export const KGATEWAY_NAMESPACE = 'kgateway-system';
/** Namespace of the agentgateway controller (its proxies also run next to their Gateway, in ai-gateway). */
export const AGENTGATEWAY_NAMESPACE = 'agentgateway-system';

/** Gateway API version kgateway 2.4 requires; agentgateway 1.4 works with it too. */
export const GATEWAY_API_VERSION = 'v1.6.1';
/** Gateway API Inference Extension release whose InferencePool (inference.networking.k8s.io/v1) CRD is installed. */
export const INFERENCE_EXTENSION_VERSION = 'v1.6.0';
export const KGATEWAY_VERSION = 'v2.4.3';
export const AGENTGATEWAY_VERSION = 'v1.4.1';

/** The controllers install their GatewayClass (a Gateway API kind whose CRD another Application installs). */
const SKIP_DRY_RUN = ['SkipDryRunOnMissingResource=true'] as const;
const CONTROLLER_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } };
const CONTROLLER_SECURITY = {
  podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
};

/** Gateway API CRDs, standard channel (Gateway, HTTPRoute, GRPCRoute, ReferenceGrant, ...), from the release tag. */
export const GATEWAY_API_CRDS: HelmAddon = {
  name: 'gateway-api-crds',
  namespace: 'kube-system',
  repoURL: 'https://github.com/kubernetes-sigs/gateway-api.git',
  directory: { path: 'config/crd/standard' },
  version: GATEWAY_API_VERSION,
  wave: WAVE.crds,
  crdGroups: ['gateway.networking.k8s.io'],
  values: {},
};

/** The InferencePool CRD of the Gateway API Inference Extension (v1, GA), from the release tag. */
export const INFERENCE_EXTENSION_CRDS: HelmAddon = {
  name: 'inference-extension-crds',
  namespace: 'kube-system',
  repoURL: 'https://github.com/kubernetes-sigs/gateway-api-inference-extension.git',
  directory: { path: 'config/crd/bases', include: 'inference.networking.k8s.io_inferencepools.yaml' },
  version: INFERENCE_EXTENSION_VERSION,
  wave: WAVE.crds,
  crdGroups: ['inference.networking.k8s.io'],
  values: {},
};

/**
 * kgateway: the Envoy-based Gateway API implementation for the client-facing gateway (JWT, request rate limits).
 * Its chart is an OCI artifact, which Argo CD (3.1 and later) pulls directly.
 */
export const KGATEWAY_CRDS: HelmAddon = {
  name: 'kgateway-crds',
  namespace: KGATEWAY_NAMESPACE,
  repoURL: 'oci://cr.kgateway.dev/kgateway-dev/charts/kgateway-crds',
  version: KGATEWAY_VERSION,
  wave: WAVE.crds,
  crdGroups: ['gateway.kgateway.dev'],
  values: {},
};

export const KGATEWAY: HelmAddon = {
  name: 'kgateway',
  namespace: KGATEWAY_NAMESPACE,
  repoURL: 'oci://cr.kgateway.dev/kgateway-dev/charts/kgateway',
  version: KGATEWAY_VERSION,
  wave: WAVE.addons,
  syncOptions: SKIP_DRY_RUN,
  // The chart reads resources and security contexts at the top level (controller.resources was ignored).
  values: { controller: { replicaCount: 2 }, resources: CONTROLLER_RESOURCES, ...CONTROLLER_SECURITY },
};

/**
 * agentgateway: the AI gateway (LLM routing, token limits, failover, InferencePool support).
 * Its chart is an OCI artifact, like kgateway's.
 */
export const AGENTGATEWAY_CRDS: HelmAddon = {
  name: 'agentgateway-crds',
  namespace: AGENTGATEWAY_NAMESPACE,
  repoURL: 'oci://cr.agentgateway.dev/charts/agentgateway-crds',
  version: AGENTGATEWAY_VERSION,
  wave: WAVE.crds,
  crdGroups: ['agentgateway.dev'],
  values: {},
};

export const AGENTGATEWAY: HelmAddon = {
  name: 'agentgateway',
  namespace: AGENTGATEWAY_NAMESPACE,
  repoURL: 'oci://cr.agentgateway.dev/charts/agentgateway',
  version: AGENTGATEWAY_VERSION,
  wave: WAVE.addons,
  syncOptions: SKIP_DRY_RUN,
  values: {
    controller: { replicaCount: 2 },
    resources: CONTROLLER_RESOURCES,
    ...CONTROLLER_SECURITY,
    inferenceExtension: { enabled: true },
  },
};

/** Everything the gateway layer needs installed before its routes: CRDs with the other CRDs, then the controllers. */
export const GATEWAY_ADDONS: readonly HelmAddon[] = [GATEWAY_API_CRDS, INFERENCE_EXTENSION_CRDS, KGATEWAY_CRDS, AGENTGATEWAY_CRDS, KGATEWAY, AGENTGATEWAY];
