import type { ClusterModel, Endpoint } from './cluster-model.js';
import { PortSet } from './port-set.js';
import { allowedPorts } from './reachability.js';
import { namespaceClasses } from './namespace-classes.js';

/** What any pod of one namespace may open to any pod of another (or to an external address). */
export interface ReachabilityMatrix {
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  /** cells[source][destination] */
  readonly cells: Readonly<Record<string, Readonly<Record<string, PortSet>>>>;
}

function endpointsOf(model: ClusterModel, name: string): Endpoint[] {
  const ext = model.externals.find((e) => e.name === name);
  if (ext) return [{ kind: 'external', external: ext }];
  return model.pods.filter((p) => p.namespace === name).map((pod) => ({ kind: 'pod', pod }) as const);
}

/** Ports allowed from any pod of `from` to any pod of `to` (namespace or external name). */
export function namespaceReach(model: ClusterModel, from: string, to: string): PortSet {
  let out = PortSet.EMPTY;
  for (const src of endpointsOf(model, from)) for (const dst of endpointsOf(model, to)) out = out.union(allowedPorts(model, src, dst));
  return out;
}

/**
 * The matrix of every namespace pair. Namespaces that no policy can tell apart (see namespaceClasses) are analyzed
 * once per class: a cell is computed for one representative pair and shared by every pair of the same classes.
 * `exhaustive` analyzes every pair instead (tests compare the two).
 */
export function reachabilityMatrix(model: ClusterModel, options: { exhaustive?: boolean } = {}): ReachabilityMatrix {
  const namespaces = model.namespaces.map((n) => n.name);
  const destinations = [...namespaces, ...model.externals.map((e) => e.name)];
  // Each namespace's class as a small number; externals get a class of their own each.
  const signatureOf = options.exhaustive ? new Map(namespaces.map((n) => [n, n])) : namespaceClasses(model);
  const classIds = new Map<string, number>();
  const classOf = new Map<string, number>();
  const members: string[][] = [];
  for (const n of destinations) {
    const signature = signatureOf.get(n) ?? `external:${n}`;
    let id = classIds.get(signature);
    if (id === undefined) {
      id = members.length;
      classIds.set(signature, id);
      members.push([]);
    }
    classOf.set(n, id);
    members[id].push(n);
  }
  const memo = new Map<number, PortSet>();
  const cells: Record<string, Record<string, PortSet>> = {};
  for (const from of namespaces) {
    const row: Record<string, PortSet> = {};
    cells[from] = row;
    const fromClass = classOf.get(from)!;
    for (const to of destinations) {
      const toClass = classOf.get(to)!;
      const relation = from === to ? 0 : fromClass === toClass ? 1 : 2; // self, sibling, other
      const key = (fromClass * members.length + toClass) * 3 + relation;
      let cell = memo.get(key);
      if (!cell) {
        // The class's first member, and for a sibling pair its second: any pair of the same classes would do.
        const [a, b] = members[fromClass];
        cell = namespaceReach(model, a, relation === 0 ? a : relation === 1 ? b : members[toClass][0]);
        memo.set(key, cell);
      }
      row[to] = cell;
    }
  }
  return { sources: namespaces, destinations, cells };
}

/** A Markdown table: rows are sources, columns destinations. */
export function matrixMarkdown(m: ReachabilityMatrix): string {
  const cell = (p: PortSet) => (p.isEmpty() ? '–' : p.toString());
  const lines = [
    `| from \\ to | ${m.destinations.join(' | ')} |`,
    `|---|${m.destinations.map(() => '---').join('|')}|`,
    ...m.sources.map((s) => `| **${s}** | ${m.destinations.map((d) => cell(m.cells[s][d])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** A Mermaid flowchart of the cross-namespace connections (a namespace's traffic to itself is left out). */
export function matrixMermaid(m: ReachabilityMatrix): string {
  const id = (n: string) => n.replace(/[^A-Za-z0-9]/g, '_');
  const lines = ['flowchart LR'];
  for (const s of m.sources) {
    for (const d of m.destinations) {
      const p = m.cells[s][d];
      if (s === d || p.isEmpty()) continue;
      lines.push(`  ${id(s)}["${s}"] -->|"${p.toString()}"| ${id(d)}["${d}"]`);
    }
  }
  return lines.join('\n');
}
