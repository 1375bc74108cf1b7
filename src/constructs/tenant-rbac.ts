import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';

/** The kagent kinds a tenant works with (kagent v0.9.12, kmcp v0.3.0; their CRDs are in vendor/crds/kagent). */
export const KAGENT_RESOURCES = ['agents', 'modelconfigs', 'remotemcpservers', 'mcpservers'] as const;

const READ = ['get', 'list', 'watch'];
const WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

export interface TenantRbacProps {
  readonly namespace: string;
  /** Groups (as the API server sees them, prefix included) bound to agent-operator. */
  readonly operatorGroups: readonly string[];
  /** Groups bound to agent-viewer. */
  readonly viewerGroups: readonly string[];
  /** Secrets operators may read, by name; no other secret is readable. */
  readonly secretNames: readonly string[];
}

/**
 * The design's agent-operator and agent-viewer Roles over the real kagent resources, bound to the tenant's groups.
 * Namespaced only, no wildcards, and secrets only by name.
 */
export class TenantRbac extends Construct {
  constructor(scope: Construct, id: string, props: TenantRbacProps) {
    super(scope, id);
    const { namespace } = props;
    const operatorRules: k8s.PolicyRule[] = [
      { apiGroups: ['kagent.dev'], resources: [...KAGENT_RESOURCES], verbs: WRITE },
      { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'configmaps', 'events'], verbs: READ },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: READ },
      ...(props.secretNames.length > 0 ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [...props.secretNames] }] : []),
    ];
    const viewerRules: k8s.PolicyRule[] = [
      { apiGroups: ['kagent.dev'], resources: [...KAGENT_RESOURCES], verbs: READ },
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: READ },
    ];
    for (const [role, rules, groups] of [
      ['agent-operator', operatorRules, props.operatorGroups],
      ['agent-viewer', viewerRules, props.viewerGroups],
    ] as const) {
      new k8s.KubeRole(this, role, { metadata: { name: role, namespace }, rules });
      if (groups.length === 0) continue;
      new k8s.KubeRoleBinding(this, `${role}-binding`, {
        metadata: { name: role, namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
        subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
      });
    }
  }
}
