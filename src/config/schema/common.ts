import { Type, type TSchema } from '@sinclair/typebox';
import { DNS_LABEL_PATTERN, LABEL_VALUE_PATTERN } from '../../lib/k8s-syntax.js';

/**
 * Building blocks shared by the environment and tenant schemas.
 *
 * A property that carries a `default` is listed as required here, so the TypeScript type of a loaded file has
 * no optional holes; ajv (`useDefaults`) fills it in before the `required` check runs. The schemas published
 * for editors (`schemas/*.schema.json`) drop such properties from `required`, so users may leave them out.
 */

/** DNS-1123 label: what Kubernetes accepts as a namespace or Service name. */
export const DnsLabel = (description: string) =>
  Type.String({
    pattern: DNS_LABEL_PATTERN,
    maxLength: 63,
    description,
    errorMessage: 'a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  });

/** A Kubernetes quantity such as `20`, `500m`, `40Gi` or `1Ti`; numbers are accepted and kept as written. */
export const Quantity = (description: string, defaultValue?: string) =>
  Type.Union(
    [
      Type.String({ pattern: '^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$' }),
      Type.Number({ minimum: 0 }),
    ],
    {
      description,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
      errorMessage: 'a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti"',
    },
  );

/** A non-negative whole number (GPU count, pods, PVCs). */
export const Count = (description: string, defaultValue?: number) =>
  Type.Integer({
    minimum: 0,
    description,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    errorMessage: 'an integer >= 0',
  });

/** Marks a property as defaulted: present in the loaded type, optional in the published schema. */
export function withDefault<T extends TSchema>(schema: T, value: unknown): T {
  return { ...schema, default: value };
}

/** A label value (RFC 1123-ish, as Kubernetes validates label values). */
export const LabelValue = (description: string) =>
  Type.String({
    pattern: LABEL_VALUE_PATTERN,
    maxLength: 63,
    description,
    errorMessage: 'a Kubernetes label value: at most 63 letters, digits, "-", "_" or ".", starting and ending alphanumeric',
  });
