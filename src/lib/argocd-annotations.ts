/** Argo CD annotations the constructs put on objects. */

/** Sync order within one Application: namespaces (-2) before their guardrails (-1) before workloads (0). */
export function syncWave(wave: number): Record<string, string> {
  return { 'argocd.argoproj.io/sync-wave': String(wave) };
}

/**
 * For custom resources whose CRD an add-on installs (KEDA, Prometheus Operator): Argo CD syncs them once the CRD
 * exists instead of failing the whole Application's dry run.
 */
export const SKIP_DRY_RUN_ON_MISSING_RESOURCE: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
};
