import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { ModelAutoscaler } from '../src/constructs/model-autoscaler.js';
import { ModelServer } from '../src/constructs/model-server.js';
import { NamespaceNetworkPolicies } from '../src/constructs/namespace-network-policies.js';
import { SecuredNamespace } from '../src/constructs/secured-namespace.js';
import { MetricsScrape } from '../src/constructs/service-monitor.js';
import { GPU_SYSTEM_NAMESPACE } from '../src/addons/gpu-addons.js';
import { commonLabels } from '../src/lib/labels.js';
import { PLATFORM_NAMESPACE } from '../src/lib/names.js';
import type { Flow } from '../src/policy/flows.js';
import { EFS_PROVISIONER, EFS_STORAGE_CLASS } from '../src/addons/storage.js';
import { syncWave } from '../src/lib/argocd-annotations.js';

export interface InferenceChartProps {
  readonly env: Environment;
  readonly flows: readonly Flow[];
}

/** Where a model is served; the gateway layer routes to it. */
export interface ModelRef {
  readonly name: string;
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  readonly canary?: { readonly service: string; readonly weight: number };
}

/** Service account of every model server: no API access, and the hook for IRSA or Pod Identity (S3 model caches). */
export const MODEL_SERVER_ACCOUNT = 'model-server';

/**
 * Model serving layer: one autoscaled server per catalog model (plus its canary), their metrics, and the GPU
 * system namespace whose node agents (device plugin, DCGM exporter) Argo CD installs from their Helm charts.
 */
export class InferenceChart extends Chart {
  readonly models: ModelRef[] = [];

  constructor(scope: Construct, id: string, props: InferenceChartProps) {
    super(scope, id, { labels: commonLabels('inference', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    const namespace = PLATFORM_NAMESPACE.inference;

    new k8s.KubeServiceAccount(this, 'model-server-account', {
      metadata: { name: MODEL_SERVER_ACCOUNT, namespace },
      automountServiceAccountToken: false,
    });

    const onEfs = env.models.filter((m) => m.cache.type === 'shared-pvc' && m.cache.storageClass === EFS_STORAGE_CLASS).map((m) => m.name);
    if (onEfs.length > 0 && !env.efs) {
      throw new Error(
        `environments/${env.name}.yaml: models ${onEfs.join(', ')} cache on StorageClass ${EFS_STORAGE_CLASS}, but efs.fileSystemId is not set; ` +
          'set it to the EFS file system of the cluster, or use another cache.storageClass',
      );
    }
    if (env.efs) {
      // One EFS access point per volume. Deleting a PVC deletes its access point, not the files (the driver's
      // deleteAccessPointRootDir stays off), and never the file system.
      new k8s.KubeStorageClass(this, EFS_STORAGE_CLASS, {
        metadata: { name: EFS_STORAGE_CLASS, annotations: syncWave(-2) },
        provisioner: EFS_PROVISIONER,
        parameters: { provisioningMode: 'efs-ap', fileSystemId: env.efs.fileSystemId, directoryPerms: '700' },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
      });
    }

    for (const model of env.models) {
      const pool = env.gpuPools.find((p) => p.name === model.gpuPool)!;
      const primary = new ModelServer(this, model.name, { model, pool, namespace, variant: 'primary', serviceAccountName: MODEL_SERVER_ACCOUNT });
      new ModelAutoscaler(this, `${model.name}-autoscaler`, { model, namespace, target: primary.name, prometheusUrl: env.observability.prometheusUrl });
      const canary = model.canary
        ? new ModelServer(this, `${model.name}-canary`, { model, pool, namespace, variant: 'canary', serviceAccountName: MODEL_SERVER_ACCOUNT })
        : undefined;
      new MetricsScrape(this, `${model.name}-metrics`, { name: model.name, namespace, selector: { 'app.kubernetes.io/name': model.name }, port: 'http' });
      this.models.push({
        name: model.name,
        namespace,
        service: primary.name,
        port: primary.port,
        canary: canary && model.canary ? { service: canary.name, weight: model.canary.weight } : undefined,
      });
    }

    // Node agents need host access (driver, kubelet pod-resources socket): a namespace of their own, privileged,
    // so that nothing else in the platform has to be.
    new SecuredNamespace(this, GPU_SYSTEM_NAMESPACE, { name: GPU_SYSTEM_NAMESPACE, enforce: 'privileged', istioInjection: false });
    new NamespaceNetworkPolicies(this, `${GPU_SYSTEM_NAMESPACE}-network`, {
      namespace: GPU_SYSTEM_NAMESPACE,
      isTenant: false,
      flows: props.flows
    });
    new MetricsScrape(this, 'dcgm-exporter-metrics', {
      name: 'dcgm-exporter',
      namespace: GPU_SYSTEM_NAMESPACE,
      selector: { 'app.kubernetes.io/name': 'dcgm-exporter' },
      port: 'metrics',
      honorLabels: true,
    });
  }
}
