import { Type, type TSchema } from '@sinclair/typebox';
import { DNS_1035_LABEL_PATTERN, DNS_LABEL_PATTERN, HTTP_URL_PATTERN, INT32_MAX, LABEL_VALUE_PATTERN, QUANTITY_PATTERN } from '../../lib/k8s-syntax.js';

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
    errorMessage: 'a DNS-1123 label of at most 63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit',
  });

/** A Kubernetes quantity such as `20`, `500m`, `40Gi` or `1Ti`; numbers are accepted and kept as written. */
export const Quantity = (description: string, defaultValue?: string) =>
  Type.Union(
    [
      Type.String({ pattern: QUANTITY_PATTERN, maxLength: 64 }),
      // Larger numbers print as 1e+22, and Kubernetes holds no quantity above 2^63-1 anyway.
      Type.Number({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    ],
    {
      description,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
      errorMessage: 'a Kubernetes quantity such as "20", "500m", "40Gi" or "1Ti"',
    },
  );

/** A non-negative whole number (GPU count, pods, PVCs), at most what an int32 field of Kubernetes holds. */
export const Count = (description: string, defaultValue?: number) =>
  Type.Integer({
    minimum: 0,
    maximum: INT32_MAX,
    description,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    errorMessage: 'an integer >= 0',
  });

/**
 * A whole number from `minimum` to `maximum` (by default int32's largest, what Kubernetes, KEDA and the gateway
 * store such numbers in).
 */
export const Int = (description: string, minimum: number, maximum: number = INT32_MAX) =>
  Type.Integer({ minimum, maximum, description, errorMessage: `an integer from ${minimum} to ${maximum}` });

/** Free text that lands in an object (a description, a prompt): no longer than `maxLength` characters. */
export const Text = (description: string, maxLength: number, minLength = 0) =>
  Type.String({ minLength, maxLength, description });

/** DNS-1035 label: what Kubernetes accepts as a Service name (starts with a letter). */
export const Dns1035Label = (description: string, maxLength = 63) =>
  Type.String({
    pattern: DNS_1035_LABEL_PATTERN,
    maxLength,
    description,
    errorMessage: `a DNS-1035 label of at most ${maxLength} characters: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit`,
  });

/** An http:// or https:// URL. */
export const HttpUrl = (description: string) =>
  Type.String({ pattern: HTTP_URL_PATTERN, maxLength: 2048, description, errorMessage: 'an http:// or https:// URL with a host' });

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
