import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { NamespaceNetworkPolicies } from '../src/constructs/namespace-network-policies.js';
import { SecuredNamespace } from '../src/constructs/secured-namespace.js';
import { ISTIO_CNI_NAMESPACE, ISTIO_SYSTEM_NAMESPACE } from '../src/addons/istio.js';
import { commonLabels } from '../src/lib/labels.js';
import type { Flow } from '../src/policy/flows.js';

export interface MeshChartProps {
  readonly env: Environment;
  /** The environment's allowed flows (with the mesh's: sidecars to istiod, webhooks, scraping). */
  readonly flows: readonly Flow[];
}

/**
 * The namespaces the Istio charts install into, created by us so that they carry our Pod Security labels and
 * network policies before Argo CD installs Istio:
 *
 * - `istio-system` (istiod) enforces `restricted`: istiod runs non-root, without capabilities, with RuntimeDefault seccomp;
 * - `istio-cni` (the CNI node agent) is `privileged`: the agent writes the node's CNI configuration through hostPath
 *   and runs on the host network. It is the price of sidecar injection without NET_ADMIN in every meshed namespace.
 */
export class MeshChart extends Chart {
  constructor(scope: Construct, id: string, props: MeshChartProps) {
    super(scope, id, { labels: commonLabels('mesh', props.env.name), disableResourceNameHashes: true });
    new SecuredNamespace(this, ISTIO_SYSTEM_NAMESPACE, { name: ISTIO_SYSTEM_NAMESPACE, enforce: 'restricted', istioInjection: false });
    new SecuredNamespace(this, ISTIO_CNI_NAMESPACE, { name: ISTIO_CNI_NAMESPACE, enforce: 'privileged', istioInjection: false });
    for (const namespace of [ISTIO_SYSTEM_NAMESPACE, ISTIO_CNI_NAMESPACE]) {
      new NamespaceNetworkPolicies(this, `${namespace}-network`, { namespace, isTenant: false, flows: props.flows });
    }
  }
}
