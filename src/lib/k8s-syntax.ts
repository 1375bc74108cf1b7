/** Kubernetes' name and label syntax (apimachinery/pkg/util/validation), shared by input schemas and output checks. */

/** DNS-1123 label: namespaces, Services, and our tenant, model and environment names. At most 63 characters. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** A label value: empty, or at most 63 alphanumerics, "-", "_" and "." starting and ending alphanumeric. */
export const LABEL_VALUE_PATTERN = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';
