import type { ClusterModel, Endpoint } from './cluster-model.js';
import { PortSet } from './port-set.js';
import { allowedPorts } from './reachability.js';

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

export function reachabilityMatrix(model: ClusterModel): ReachabilityMatrix {
  const namespaces = model.namespaces.map((n) => n.name);
  const destinations = [...namespaces, ...model.externals.map((e) => e.name)];
  const cells: Record<string, Record<string, PortSet>> = {};
  for (const from of namespaces) {
    cells[from] = {};
    for (const to of destinations) cells[from][to] = namespaceReach(model, from, to);
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
