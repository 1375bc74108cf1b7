import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

/** Where istiod runs. Its pods meet Pod Security `restricted` (non-root, no capabilities, RuntimeDefault seccomp). */
export const ISTIO_SYSTEM_NAMESPACE = 'istio-system';

/**
 * Where the Istio CNI node agent runs: a privileged DaemonSet (host network, hostPath to the CNI directories), kept
 * apart so that istio-system does not have to be privileged, the way gpu-system keeps the GPU node agents.
 */
export const ISTIO_CNI_NAMESPACE = 'istio-cni';

const REPO = 'https://istio-release.storage.googleapis.com/charts';
/** One Istio release for all its charts (they must match). */
const VERSION = '1.30.3';
const RUNTIME_DEFAULT = { type: 'RuntimeDefault' };

/** istiod sets failurePolicy and caBundle of its webhooks after install; that is not drift. */
const WEBHOOKS_PATCHED_BY_ISTIOD = [
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingWebhookConfiguration',
    jqPathExpressions: ['.webhooks[]?.failurePolicy', '.webhooks[]?.clientConfig.caBundle'],
  },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
];

/** Istio CRDs (PeerAuthentication, AuthorizationPolicy, ...) and the default revision's validation webhook. */
export const ISTIO_BASE: HelmAddon = {
  name: 'istio-base',
  namespace: ISTIO_SYSTEM_NAMESPACE,
  repoURL: REPO,
  chart: 'base',
  version: VERSION,
  wave: WAVE.crds,
  crdGroups: ['security.istio.io', 'networking.istio.io', 'telemetry.istio.io', 'extensions.istio.io'],
  createNamespace: false,
  values: { defaultRevision: 'default' },
  ignoreDifferences: WEBHOOKS_PATCHED_BY_ISTIOD,
};

/**
 * The Istio CNI plugin: it sets up each meshed pod's traffic redirection on the node, so injected pods need no
 * `istio-init` container with NET_ADMIN and NET_RAW, which Pod Security `baseline` and `restricted` refuse.
 */
export const ISTIO_CNI: HelmAddon = {
  name: 'istio-cni',
  namespace: ISTIO_CNI_NAMESPACE,
  repoURL: REPO,
  chart: 'cni',
  version: VERSION,
  wave: WAVE.meshDataPlane,
  createNamespace: false,
  values: { seccompProfile: RUNTIME_DEFAULT },
};

/** istiod, told that the CNI plugin is there (no istio-init), with RuntimeDefault seccomp for itself and the sidecars. */
export const ISTIOD: HelmAddon = {
  name: 'istiod',
  namespace: ISTIO_SYSTEM_NAMESPACE,
  repoURL: REPO,
  chart: 'istiod',
  version: VERSION,
  wave: WAVE.meshControlPlane,
  createNamespace: false,
  values: {
    pilot: { cni: { enabled: true }, seccompProfile: RUNTIME_DEFAULT },
    global: { proxy: { seccompProfile: RUNTIME_DEFAULT } },
  },
  ignoreDifferences: WEBHOOKS_PATCHED_BY_ISTIOD,
};

/** Ports of istiod that the NetworkPolicies open. */
export const ISTIOD_PORTS = {
  /** xDS configuration and certificate signing for sidecars (mTLS). */
  xds: 15012,
  /** Sidecar injection and config validation webhooks, called by the API server. */
  webhook: 15017,
  /** istiod's own metrics. */
  monitoring: 15014,
} as const;
