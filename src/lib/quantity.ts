import { k8s } from 'cdk8s-plus-33';
import { QUANTITY_PATTERN } from './k8s-syntax.js';

/** Kubernetes resource quantities ("500m", "40Gi", "1.5", 20) as numbers of base units (cores, bytes, count). */

const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Compiled once: parsing quantities is part of every capacity check, a few per tenant and environment. */
const QUANTITY = new RegExp(QUANTITY_PATTERN);

export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = QUANTITY.exec(value);
  if (!m) throw new Error(`not a quantity: ${value}`);
  const number = Number(value.slice(0, value.length - (m[3]?.length ?? 0)));
  const suffix = m[3] ?? '';
  return /^[eE][-+]?[0-9.]/.test(suffix) ? number * 10 ** Number(suffix.slice(1)) : number * SUFFIX[suffix];
}

/** Renders bytes the way people write memory sizes (binary units, at most two decimals). */
export function formatBytes(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    if (bytes >= SUFFIX[unit]) return `${Math.round((bytes / SUFFIX[unit]) * 100) / 100}${unit}`;
  }
  return String(bytes);
}

export function formatCores(cores: number): string {
  return String(Math.round(cores * 1000) / 1000);
}

/** A quantity as written in an input file ("40Gi", 20) for the cdk8s L1 types. */
export function k8sQuantity(value: string | number): k8s.Quantity {
  return k8s.Quantity.fromString(String(value));
}
