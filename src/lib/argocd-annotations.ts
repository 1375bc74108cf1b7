/** Argo CD annotations the constructs put on objects. */

/** Sync order within one Application: namespaces (-2) before their guardrails (-1) before workloads (0). */
export function syncWave(wave: number): Record<string, string> {
  return { 'argocd.argoproj.io/sync-wave': String(wave) };
}

/**
 * On every custom resource (any kind that is not built into Kubernetes). Its CRD comes from another Application
 * (Karpenter, Istio, KEDA, Prometheus Operator CRDs) or, for Argo CD's own kinds, from the Argo CD install: on a fresh
 * cluster Argo CD then syncs the object once the CRD exists, instead of failing the whole Application's dry run.
 */
export const SKIP_DRY_RUN_ON_MISSING_RESOURCE: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
};
