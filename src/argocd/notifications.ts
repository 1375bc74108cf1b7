/**
 * Argo CD notifications, by annotation: an Application (or AppProject: it applies to all its Applications) subscribes
 * recipients to triggers with `notifications.argoproj.io/subscribe.<trigger>.<service>: <recipient>;<recipient>`.
 * The triggers and the email service are configured once in Argo CD's notifications ConfigMap (README, "Argo CD
 * itself"), which also subscribes the platform team to every Application without a tenant label.
 */

/** Triggers of the Argo CD notifications catalog that tell an owner something is wrong. */
export const FAILURE_TRIGGERS = ['on-sync-failed', 'on-health-degraded'] as const;

/** Notification service the owners' e-mail addresses go to. */
export const EMAIL_SERVICE = 'email';

/** Annotations that send a failed or degraded sync to `recipients` (e-mail addresses), sorted. */
export function notifyOnFailure(recipients: readonly string[]): Record<string, string> {
  const to = [...recipients].sort().join(';');
  return Object.fromEntries(FAILURE_TRIGGERS.map((t) => [`notifications.argoproj.io/subscribe.${t}.${EMAIL_SERVICE}`, to]));
}

/**
 * Label selector of the platform team's default subscription in argocd-notifications-cm: every Application that
 * is not a tenant's (tenant Applications carry `platform.agentic.io/tenant`).
 */
export const PLATFORM_APPLICATIONS_SELECTOR = '!platform.agentic.io/tenant';
