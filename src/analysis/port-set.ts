export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

type Range = readonly [number, number];

/** An immutable set of (protocol, port) pairs, kept as sorted, merged port ranges per protocol. */
export class PortSet {
  static readonly EMPTY = new PortSet({});
  /** Every port of every protocol: what an unrestricted direction allows. */
  static readonly ALL = new PortSet({ TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] });

  private constructor(private readonly ranges: Readonly<Partial<Record<Protocol, readonly Range[]>>>) {}

  static of(protocol: Protocol, from: number, to = from): PortSet {
    return new PortSet({ [protocol]: [[from, to]] });
  }

  static allOf(protocol: Protocol): PortSet {
    return PortSet.of(protocol, 1, 65535);
  }

  union(other: PortSet): PortSet {
    const out: Partial<Record<Protocol, Range[]>> = {};
    for (const p of PROTOCOLS) {
      const merged = merge([...(this.ranges[p] ?? []), ...(other.ranges[p] ?? [])]);
      if (merged.length > 0) out[p] = merged;
    }
    return new PortSet(out);
  }

  intersect(other: PortSet): PortSet {
    const out: Partial<Record<Protocol, Range[]>> = {};
    for (const p of PROTOCOLS) {
      const result: Range[] = [];
      for (const [a1, a2] of this.ranges[p] ?? []) {
        for (const [b1, b2] of other.ranges[p] ?? []) {
          const lo = Math.max(a1, b1);
          const hi = Math.min(a2, b2);
          if (lo <= hi) result.push([lo, hi]);
        }
      }
      const merged = merge(result);
      if (merged.length > 0) out[p] = merged;
    }
    return new PortSet(out);
  }

  isEmpty(): boolean {
    return PROTOCOLS.every((p) => (this.ranges[p] ?? []).length === 0);
  }

  has(protocol: Protocol, port: number): boolean {
    return (this.ranges[protocol] ?? []).some(([lo, hi]) => lo <= port && port <= hi);
  }

  /** True when every port of every protocol is in the set. */
  isAll(): boolean {
    return PROTOCOLS.every((p) => this.has(p, 1) && (this.ranges[p] ?? []).length === 1 && this.ranges[p]![0][1] === 65535);
  }

  /** e.g. "TCP 53, 8000-8080; UDP 53", "all" or "none". */
  toString(): string {
    if (this.isAll()) return 'all';
    if (this.isEmpty()) return 'none';
    return PROTOCOLS.filter((p) => (this.ranges[p] ?? []).length > 0)
      .map((p) => {
        const r = this.ranges[p]!;
        if (r.length === 1 && r[0][0] === 1 && r[0][1] === 65535) return `${p} all`;
        return `${p} ${r.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(', ')}`;
      })
      .join('; ');
  }
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
