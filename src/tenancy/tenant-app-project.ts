import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { Environment } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import type { TenantRef } from './tenant-ref.js';
import { tenantOwnLabels } from '../lib/labels.js';
import { argoName } from '../lib/argocd-names.js';
import { notifyOnFailure } from '../argocd/notifications.js';

/**
 * Kinds a tenant's own Argo CD applications may never create or change: the guardrails the platform sets in the
 * tenant namespace. (Cluster-scoped kinds are all denied by an empty cluster whitelist.)
 */
export const GUARDRAIL_KINDS = [
  { group: '', kind: 'ResourceQuota' },
  { group: '', kind: 'LimitRange' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
  { group: 'security.istio.io', kind: 'PeerAuthentication' },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy' },
  // A tenant's own SecretStore would read with the External Secrets Operator's credentials (or assume another
  // tenant's role): tenants get theirs from the platform and may not define any.
  { group: 'external-secrets.io', kind: 'SecretStore' },
] as const;

/**
 * The Argo CD AppProject that confines a tenant's applications: this repository only, the tenant's namespace on its
 * cluster only, no cluster-scoped resources, no guardrail kinds. Its roles let the tenant's groups see and sync
 * their applications but not create or edit them, so no application can point elsewhere in the repository:
 * Argo CD projects restrict repositories, not paths, and the platform writes every Application.
 *
 * The roles' groups are the tenant's OIDC groups as Argo CD's own SSO sees them, without the EKS `groupPrefix`
 * (that prefix is added by the EKS API server's OIDC config, for Kubernetes RBAC only). With Argo CD's
 * `policy.default` empty (README, "Argo CD itself"), these roles are all a tenant's users get: see and sync their
 * own applications, nothing else.
 */
export function tenantAppProject(tenant: Tenant, ref: TenantRef, env: Environment): IAppProject {
  const project = argoName(env.name, `tenant-${tenant.name}`);
  // Argo CD RBAC: p, <subject>, <resource>, <action>, <project>/<object>, allow
  const policy = (role: string, resource: string, action: string) => `p, proj:${project}:${role}, ${resource}, ${action}, ${project}/*, allow`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    // The tenant's own Applications in this project notify its owners too.
    metadata: { name: project, namespace: env.argocd.namespace, labels: tenantOwnLabels(tenant), annotations: notifyOnFailure(tenant.owners) },
    spec: {
      description: `Applications of tenant ${tenant.name} (${tenant.displayName}); owners ${tenant.owners.join(', ')}.`,
      sourceRepos: [env.argocd.repoURL],
      destinations: [{ server: ref.cluster.server, namespace: ref.namespace }],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: GUARDRAIL_KINDS.map((k) => ({ ...k })),
      orphanedResources: { warn: true },
      roles: [
        {
          name: 'operators',
          description: 'See, sync and roll back the tenant\'s applications, read their logs.',
          groups: [...tenant.groups.operators],
          policies: [
            policy('operators', 'applications', 'get'),
            policy('operators', 'applications', 'sync'),
            policy('operators', 'applications', 'action/*'),
            policy('operators', 'logs', 'get'),
          ],
        },
        ...(tenant.groups.viewers.length > 0
          ? [
              {
                name: 'viewers',
                description: 'See the tenant\'s applications.',
                groups: [...tenant.groups.viewers],
                policies: [policy('viewers', 'applications', 'get')],
              },
            ]
          : []),
      ],
    },
  };
}
