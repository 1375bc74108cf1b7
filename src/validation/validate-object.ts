import { crdValidator } from './crd-validators.js';
import { hasCoreFields, unknownCoreFields, unknownMetadataFields } from './known-fields.js';
import { metadataProblems } from './metadata-rules.js';
import { modelValidator } from './model-validators.js';
import { modelUnknownFields } from './model-unknown-fields.js';

/**
 * Kinds that are cluster-scoped, for the kinds whose schema source does not say. A namespaced object without a
 * namespace, or a cluster-scoped one with one, is an error: every object in dist/ says exactly where it goes.
 */
const CLUSTER_SCOPED = new Set([
  'v1/Namespace', 'v1/PersistentVolume', 'v1/Node',
  'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'storage.k8s.io/v1/StorageClass', 'storage.k8s.io/v1/CSIDriver', 'scheduling.k8s.io/v1/PriorityClass',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding',
  'karpenter.sh/v1/NodePool', 'karpenter.k8s.aws/v1/EC2NodeClass', 'keda.sh/v1alpha1/ClusterTriggerAuthentication',
  'gateway.networking.k8s.io/v1/GatewayClass',
]);

/** Every problem of one synthesized object against its upstream schema and Kubernetes' own rules. */
export function validateObject(obj: unknown): string[] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return ['not a Kubernetes object (expected a mapping)'];
  const o = obj as Record<string, unknown>;
  const { apiVersion, kind } = o;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind must be strings'];
  const gvk = `${apiVersion}/${kind}`;
  const metadata = o.metadata as Record<string, unknown> | undefined;
  const problems = metadataProblems(kind, metadata);

  const crd = crdValidator(apiVersion, kind);
  const model = crd ? undefined : modelValidator(apiVersion, kind);
  if (!crd && !model) {
    return [...problems, `no schema for ${gvk}: add its CRD to the validators (see README, "Validation") or use a supported apiVersion`];
  }
  problems.push(...(crd ?? model)!.validate(obj));

  if (hasCoreFields(apiVersion, kind)) {
    problems.push(...unknownCoreFields(o).map((p) => `${p}: unknown field (not in the Kubernetes 1.33 schema of ${kind})`));
  } else {
    problems.push(...unknownMetadataFields(metadata).map((p) => `${p}: unknown field of ObjectMeta`));
    if (model) {
      const unknown = modelUnknownFields(apiVersion, kind, obj);
      if (unknown === undefined) problems.push(`no field schema for ${gvk}: add it to scripts/generate-model-schemas.ts and run npm run generate`);
      else problems.push(...unknown);
    }
  }

  const namespaced = crd ? crd.namespaced : !CLUSTER_SCOPED.has(gvk);
  const ns = metadata?.namespace;
  if (namespaced && typeof ns !== 'string') problems.push(`metadata.namespace is missing; ${kind} is namespaced`);
  if (!namespaced && ns !== undefined) problems.push(`metadata.namespace must not be set; ${kind} is cluster-scoped`);
  return problems;
}
