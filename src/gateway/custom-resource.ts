import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

/** Metadata of an object the gateway layer emits. */
export interface GatewayObjectMeta {
  readonly name: string;
  readonly namespace: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
}

/**
 * A custom resource whose CRD an add-on Application installs (Gateway API, kgateway, agentgateway, Inference
 * Extension, Prometheus Operator): annotated so that Argo CD syncs it once the CRD exists instead of failing the dry run.
 * The output validator checks every field against the CRD's schema.
 */
export function customResource(scope: Construct, id: string, apiVersion: string, kind: string, meta: GatewayObjectMeta, spec: object): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion,
    kind,
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE },
    },
    spec,
  });
}

export const GATEWAY_API = 'gateway.networking.k8s.io';
export const GATEWAY_API_V1 = `${GATEWAY_API}/v1`;
export const KGATEWAY_API = 'gateway.kgateway.dev';
export const KGATEWAY_V1ALPHA1 = `${KGATEWAY_API}/v1alpha1`;
export const AGENTGATEWAY_API = 'agentgateway.dev';
export const AGENTGATEWAY_V1ALPHA1 = `${AGENTGATEWAY_API}/v1alpha1`;
export const INFERENCE_API = 'inference.networking.k8s.io';
export const INFERENCE_V1 = `${INFERENCE_API}/v1`;
