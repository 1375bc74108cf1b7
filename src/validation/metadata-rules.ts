import { DNS_LABEL_PATTERN, LABEL_VALUE_PATTERN } from '../lib/k8s-syntax.js';

/** Kubernetes' own name and label syntax rules (apimachinery/pkg/util/validation), which schemas do not express. */

const DNS_LABEL = new RegExp(DNS_LABEL_PATTERN);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = new RegExp(LABEL_VALUE_PATTERN);

/** Kinds whose names must be DNS-1123 labels (they become DNS names or are used as such). */
const LABEL_NAMED_KINDS = new Set(['Namespace', 'Service']);

export function dnsLabelProblem(value: string): string | undefined {
  if (value.length > 63) return `"${value}" is longer than 63 characters`;
  if (!DNS_LABEL.test(value)) return `"${value}" is not a DNS-1123 label (lowercase letters, digits, "-"; alphanumeric at both ends)`;
  return undefined;
}

export function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return `"${value}" is longer than 253 characters`;
  if (!DNS_SUBDOMAIN.test(value)) return `"${value}" is not a DNS-1123 subdomain`;
  return undefined;
}

/** A label or annotation key: optional DNS-subdomain prefix, "/", and a name of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `key "${key}" has more than one "/"`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && dnsSubdomainProblem(prefix)) return `key "${key}" has an invalid prefix`;
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) return `key "${key}" is not a qualified name`;
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `label value "${value}" is invalid (at most 63 alphanumerics, "-", "_", ".")`;
  return undefined;
}

/** Problems of an object's metadata: name syntax, label keys and values, annotation keys. */
export function metadataProblems(kind: string, metadata: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const name = metadata?.name;
  if (typeof name !== 'string' || name === '') {
    out.push('metadata.name is missing');
  } else {
    const p = LABEL_NAMED_KINDS.has(kind) ? dnsLabelProblem(name) : dnsSubdomainProblem(name);
    if (p) out.push(`metadata.name ${p}`);
  }
  if (typeof metadata?.namespace === 'string') {
    const p = dnsLabelProblem(metadata.namespace);
    if (p) out.push(`metadata.namespace ${p}`);
  }
  for (const [k, v] of Object.entries((metadata?.labels as Record<string, unknown>) ?? {})) {
    const kp = qualifiedNameProblem(k);
    if (kp) out.push(`metadata.labels ${kp}`);
    if (typeof v !== 'string') out.push(`metadata.labels["${k}"] must be a string`);
    else {
      const vp = labelValueProblem(v);
      if (vp) out.push(`metadata.labels["${k}"] ${vp}`);
    }
  }
  for (const [k, v] of Object.entries((metadata?.annotations as Record<string, unknown>) ?? {})) {
    const kp = qualifiedNameProblem(k);
    if (kp) out.push(`metadata.annotations ${kp}`);
    if (typeof v !== 'string') out.push(`metadata.annotations["${k}"] must be a string`);
  }
  return out;
}
