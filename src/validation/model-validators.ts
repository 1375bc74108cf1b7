import * as coreV1 from 'kubernetes-models/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as storageV1 from 'kubernetes-models/storage.k8s.io/v1';
import * as schedulingV1 from 'kubernetes-models/scheduling.k8s.io/v1';
import * as admissionV1 from 'kubernetes-models/admissionregistration.k8s.io/v1';
import * as karpenterV1 from '@kubernetes-models/karpenter/karpenter.sh/v1';
import * as karpenterAwsV1 from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1';
import * as kedaV1alpha1 from '@kubernetes-models/keda/keda.sh/v1alpha1';
import * as argoV1alpha1 from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import * as istioSecurityV1 from '@kubernetes-models/istio/security.istio.io/v1';
import * as istioNetworkingV1 from '@kubernetes-models/istio/networking.istio.io/v1';
import * as monitoringV1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as gatewayV1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as gatewayV1beta1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';

/** The group-version modules of the pinned packages (versions in package.json) whose classes validate objects. */
const MODULES: Record<string, unknown>[] = [
  coreV1, appsV1, batchV1, networkingV1, rbacV1, policyV1, autoscalingV2, storageV1, schedulingV1, admissionV1,
  karpenterV1, karpenterAwsV1, kedaV1alpha1, argoV1alpha1, istioSecurityV1, istioNetworkingV1, monitoringV1, gatewayV1, gatewayV1beta1,
];

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: unknown): { validate(): void };
}

export interface ModelValidator {
  /** Returns the schema errors of `obj`, empty when it is valid. */
  validate(obj: unknown): string[];
}

function isModelClass(x: unknown): x is ModelClass {
  return typeof x === 'function' && typeof (x as ModelClass).apiVersion === 'string' && typeof (x as ModelClass).kind === 'string';
}

const registry = new Map<string, ModelValidator>();
for (const cls of MODULES.flatMap((mod) => Object.values(mod)).filter(isModelClass)) {
  if (cls.kind.endsWith('List')) continue;
  registry.set(`${cls.apiVersion}/${cls.kind}`, {
    validate(obj) {
      try {
        new cls(obj).validate();
        return [];
      } catch (e) {
        // The models' error message lists every ajv error, one per line, as "data/spec/x must be ...".
        return String((e as Error).message)
          .split('\n')
          .map((l) => l.replace(/^data\/?/, '').replace(/\//g, '.').trim())
          .filter(Boolean);
      }
    },
  });
}

/** The kubernetes-models validator for a kind, if one of the pinned packages covers it. */
export function modelValidator(apiVersion: string, kind: string): ModelValidator | undefined {
  return registry.get(`${apiVersion}/${kind}`);
}
