import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { ContainerDefaults } from '../src/constructs/container-defaults.js';
import { NamespaceNetworkPolicies } from '../src/constructs/namespace-network-policies.js';
import { NamespaceQuota } from '../src/constructs/namespace-quota.js';
import { SecuredNamespace, type PodSecurityLevel } from '../src/constructs/secured-namespace.js';
import { commonLabels, LAYER_LABEL } from '../src/lib/labels.js';
import { MESHED_PLATFORM_NAMESPACES, PLATFORM_NAMESPACE as NS, PLATFORM_NAMESPACES, type PlatformNamespaceName } from '../src/lib/names.js';
import type { Flow } from '../src/policy/flows.js';

export interface PlatformChartProps {
  readonly env: Environment;
  /** The platform's allowed flows between namespaces. */
  readonly flows: readonly Flow[];
}

/** How each platform namespace is set up; the design's table, with its mistakes fixed (see README). */
const NAMESPACE_SETUP: Record<PlatformNamespaceName, { layer: string; enforce: PodSecurityLevel }> = {
  [NS.gateway]: { layer: 'gateway', enforce: 'restricted' },
  [NS.agents]: { layer: 'agents', enforce: 'baseline' },
  // The design says privileged; vLLM and TGI need no host access, so baseline is enough (GPUs come from the
  // device plugin, not from privileged mode). The DCGM exporter, which does need host access, runs elsewhere.
  [NS.inference]: { layer: 'inference', enforce: 'baseline' },
  [NS.data]: { layer: 'data', enforce: 'baseline' },
  [NS.observability]: { layer: 'observability', enforce: 'baseline' },
};

/** Platform base: the five layer namespaces with Pod Security, quotas, container defaults and network policies. */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, props: PlatformChartProps) {
    super(scope, id, { labels: commonLabels('base', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    for (const name of PLATFORM_NAMESPACES) {
      const setup = NAMESPACE_SETUP[name];
      new SecuredNamespace(this, name, {
        name,
        enforce: setup.enforce,
        istioInjection: env.mesh.istio && MESHED_PLATFORM_NAMESPACES.includes(name),
        labels: { [LAYER_LABEL]: setup.layer },
        annotations:
          name === NS.inference
            ? // Read by the PodTolerationRestriction admission plugin where it is enabled; model servers set
              // their tolerations themselves, so nothing depends on it.
              { 'scheduler.alpha.kubernetes.io/defaultTolerations': '[{"key":"nvidia.com/gpu","operator":"Exists"}]' }
            : undefined,
      });
      new NamespaceQuota(this, `${name}-quota`, { namespace: name, name: `${name}-quota`, quota: env.quotas[name] });
      new ContainerDefaults(this, `${name}-limits`, { namespace: name, name: `${name}-limits`, ...env.containerDefaults });
      new NamespaceNetworkPolicies(this, `${name}-network`, {
        namespace: name,
        isTenant: false,
        flows: props.flows
      });
    }
  }
}
