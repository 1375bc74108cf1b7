import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { GpuPool, Model } from '../config/schema/environment.js';
import { fittingInstanceTypes } from '../inference/instance-fit.js';
import { MODEL_LABEL } from '../policy/flows.js';
import { engineRuntime, MODEL_CACHE_PATH, SCRATCH_PATH, startupBudgetSeconds } from '../inference/model-runtime.js';
import { k8sQuantity as q } from '../lib/quantity.js';

/** Taint of nodes that have NVIDIA GPUs; only GPU workloads tolerate it. */
export const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' } as const;
/** Extra taint of spot-only GPU pools, so only workloads that accept interruption land there. */
export const SPOT_TAINT = { key: 'karpenter.sh/capacity-type', value: 'spot', effect: 'NoSchedule' } as const;

export type Variant = 'primary' | 'canary';

/** Annotation on a canary's Service: the percentage of the model's requests it should get. */
export const TRAFFIC_WEIGHT_ANNOTATION = 'platform.agentic.io/traffic-weight';

export interface ModelServerProps {
  readonly model: Model;
  readonly pool: GpuPool;
  readonly namespace: string;
  readonly variant: Variant;
  /** Service account the pods run as. */
  readonly serviceAccountName: string;
}

/** Labels that pick one variant of one model; immutable Deployment selectors use exactly these. */
export function modelSelector(model: string, variant: Variant): Record<string, string> {
  return { 'app.kubernetes.io/name': model, 'platform.agentic.io/variant': variant };
}

/** Name of a variant's Deployment and Service. */
export function variantName(model: string, variant: Variant): string {
  return variant === 'primary' ? model : `${model}-canary`;
}

/**
 * One variant of a model server: a Deployment with GPU requests equal to limits, the engine's flags, a memory-backed
 * /dev/shm, a model cache, probes on /health with a startup budget sized to the model, a graceful drain, a non-root
 * read-only container, placement on its GPU pool spread across zones; and a Service on the engine's port.
 * Replicas are left to KEDA (primary) or fixed at one (canary), never both.
 */
export class ModelServer extends Construct {
  readonly name: string;
  readonly port: number;

  constructor(scope: Construct, id: string, props: ModelServerProps) {
    super(scope, id);
    const { model, pool, namespace, variant } = props;
    const runtime = engineRuntime(model);
    this.name = variantName(model.name, variant);
    this.port = runtime.port;
    const selector = modelSelector(model.name, variant);
    const podLabels = { ...selector, 'app.kubernetes.io/component': 'model-server', [MODEL_LABEL]: model.name };
    const gpus = k8s.Quantity.fromNumber(model.gpusPerReplica);
    const resources = { cpu: q(model.cpu), memory: q(model.memory), 'nvidia.com/gpu': gpus };
    const spotOnly = !pool.capacityTypes.includes('on-demand');
    const startup = startupBudgetSeconds(model);
    const image = variant === 'canary' && model.canary ? model.canary.image : model.image;
    const tokenSecret = huggingFaceTokenSecret(model);
    const health = { httpGet: { path: '/health', port: k8s.IntOrString.fromString('http') } };
    const cacheVolume: k8s.Volume =
      model.cache.type === 'shared-pvc'
        ? { name: 'models', persistentVolumeClaim: { claimName: `${model.name}-cache` } }
        : { name: 'models', emptyDir: { sizeLimit: q(model.cache.size) } };

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: this.name, namespace, labels: podLabels },
      spec: {
        ...(variant === 'canary' ? { replicas: 1 } : {}),
        selector: { matchLabels: selector },
        // Surge one replica at a time: every replica holds whole GPUs, and the pool may have no spare ones.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) } },
        progressDeadlineSeconds: startup + 600,
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: props.serviceAccountName,
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 120,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 1000,
              runAsGroup: 1000,
              fsGroup: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            nodeSelector: { 'karpenter.sh/nodepool': pool.name },
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: fittingInstanceTypes(model, pool) }] }],
                },
              },
            },
            tolerations: [
              { key: GPU_TAINT.key, operator: 'Exists', effect: GPU_TAINT.effect },
              ...(spotOnly ? [{ key: SPOT_TAINT.key, operator: 'Equal', value: SPOT_TAINT.value, effect: SPOT_TAINT.effect }] : []),
            ],
            topologySpreadConstraints: [
              // ScheduleAnyway: GPU capacity is scarce, and a skewed spread beats a pending replica.
              { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } },
            ],
            containers: [
              {
                name: 'server',
                image,
                ...(runtime.command ? { command: [...runtime.command] } : {}),
                ...(runtime.args.length > 0 ? { args: [...runtime.args] } : {}),
                env: [
                  ...runtime.env,
                  ...(tokenSecret ? [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: tokenSecret, key: 'token' } } }] : []),
                ],
                ports: [{ name: 'http', containerPort: runtime.port, protocol: 'TCP' }],
                resources: { requests: resources, limits: resources },
                startupProbe: { ...health, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: Math.ceil(startup / 10) },
                readinessProbe: { ...health, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
                livenessProbe: { ...health, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 4 },
                // Leave the Service's endpoints before the engine stops, then let in-flight requests finish.
                lifecycle: { preStop: { sleep: { seconds: 30 } } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [
                  { name: 'shm', mountPath: '/dev/shm' },
                  { name: 'models', mountPath: MODEL_CACHE_PATH },
                  { name: 'scratch', mountPath: SCRATCH_PATH },
                ],
              },
            ],
            volumes: [
              { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: q(model.shmSize) } },
              cacheVolume,
              { name: 'scratch', emptyDir: { sizeLimit: q('20Gi') } },
            ],
          },
        },
      },
    });

    new k8s.KubeService(this, 'service', {
      metadata: {
        name: this.name,
        namespace,
        labels: podLabels,
        // The share of the model's traffic the gateway layer routes here (HTTPRoute backendRef weight).
        ...(variant === 'canary' && model.canary ? { annotations: { [TRAFFIC_WEIGHT_ANNOTATION]: String(model.canary.weight) } } : {}),
      },
      spec: {
        selector,
        ports: [{ name: 'http', port: runtime.port, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }],
      },
    });

    if (variant === 'primary') {
      new k8s.KubePodDisruptionBudget(this, 'pdb', {
        metadata: { name: this.name, namespace },
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
      });
      if (model.cache.type === 'shared-pvc') {
        new k8s.KubePersistentVolumeClaim(this, 'cache', {
          metadata: { name: `${model.name}-cache`, namespace },
          spec: {
            accessModes: ['ReadWriteMany'],
            storageClassName: model.cache.storageClass,
            resources: { requests: { storage: q(model.cache.size) } },
          },
        });
      }
    }
  }
}

/** Secret a gated model reads its Hugging Face token from unless it names another. */
export const DEFAULT_HF_TOKEN_SECRET = 'hf-token';

/**
 * The Secret (key `token`) a model's servers read the Hugging Face token from: the one it names, else
 * `hf-token` for a gated model. An ungated model without one gets no token and starts without any Secret.
 */
export function huggingFaceTokenSecret(model: Model): string | undefined {
  return model.hfTokenSecret ?? (model.gated ? DEFAULT_HF_TOKEN_SECRET : undefined);
}
