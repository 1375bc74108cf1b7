import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { Model } from '../config/schema/environment.js';
import { gpuUtilizationQuery, queueQuery } from '../inference/model-runtime.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

export interface ModelAutoscalerProps {
  readonly model: Model;
  readonly namespace: string;
  /** Deployment to scale. */
  readonly target: string;
  readonly prometheusUrl: string;
}

/**
 * A KEDA ScaledObject for a model's primary Deployment: scale on waiting requests and on DCGM GPU utilization
 * (the design's 70% target, 50% activation), with the design's HPA behaviour: scale down at most 25% per 60 s after
 * a 300 s window; scale up at once by the larger of 100% and 4 pods per 15 s. When Prometheus cannot be read, hold
 * the minimum. The Deployment sets no replicas, so the HPA KEDA creates is the only owner of the count.
 */
export class ModelAutoscaler extends Construct {
  constructor(scope: Construct, id: string, props: ModelAutoscalerProps) {
    super(scope, id);
    const { model, namespace } = props;
    const scaledObject: IScaledObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: {
        name: props.target,
        namespace,
        annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE },
      },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.target },
        minReplicaCount: model.minReplicas,
        maxReplicaCount: model.maxReplicas,
        pollingInterval: 15,
        cooldownPeriod: 300,
        fallback: { failureThreshold: 3, replicas: model.minReplicas },
        advanced: {
          horizontalPodAutoscalerConfig: {
            name: props.target,
            behavior: {
              scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 25, periodSeconds: 60 }] },
              scaleUp: {
                stabilizationWindowSeconds: 0,
                selectPolicy: 'Max',
                policies: [
                  { type: 'Percent', value: 100, periodSeconds: 15 },
                  { type: 'Pods', value: 4, periodSeconds: 15 },
                ],
              },
            },
          },
        },
        triggers: [
          {
            type: 'prometheus',
            name: 'queue-depth',
            metricType: 'AverageValue',
            metadata: { serverAddress: props.prometheusUrl, query: queueQuery(model, namespace), threshold: String(model.autoscaling.queueDepth) },
          },
          {
            type: 'prometheus',
            name: 'gpu-utilization',
            metricType: 'AverageValue',
            metadata: {
              serverAddress: props.prometheusUrl,
              query: gpuUtilizationQuery(model, namespace),
              threshold: String(model.autoscaling.gpuUtilization),
              activationThreshold: String(model.autoscaling.activation),
            },
          },
        ],
      },
    };
    new ApiObject(this, 'Resource', scaledObject);
  }
}
