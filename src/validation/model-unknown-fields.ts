import { describeError, schemaFile } from './schema-files.js';

/**
 * Unknown fields of an object of a @kubernetes-models CRD kind (Karpenter, KEDA, Argo CD, Istio, Prometheus
 * Operator, Gateway API), from schemas generated out of the packages' TypeScript declarations
 * (scripts/generate-model-schemas.ts). Only unknown fields are reported: types and required fields are the
 * packages' own validators' job. Returns undefined when no field schema was generated for the kind.
 */
export function modelUnknownFields(apiVersion: string, kind: string, obj: unknown): string[] | undefined {
  const file = schemaFile('model-schemas', apiVersion, kind);
  if (!file) return undefined;
  return file
    .errors(obj)
    .filter((e) => e.keyword === 'additionalProperties')
    .map(describeError);
}
