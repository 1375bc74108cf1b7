import { parser } from '@prometheus-io/lezer-promql';

/** Grafana's built-in interval variables, replaced by a duration so a dashboard query is plain PromQL. */
const GRAFANA_INTERVALS = /\$__(rate_interval|interval|range)\b/g;

export interface ParsedPromQL {
  /** Parse errors, as positions in the expression; empty when the expression is valid PromQL. */
  readonly errors: readonly string[];
  /** Metric names of every vector and range selector in the expression. */
  readonly metrics: readonly string[];
}

/**
 * Parses an expression with the Prometheus project's own PromQL grammar (@prometheus-io/lezer-promql, the parser of
 * Prometheus' web UI) and lists the metrics it selects. Grafana's interval variables become 5m first.
 */
export function parsePromQL(expr: string): ParsedPromQL {
  const text = expr.replace(GRAFANA_INTERVALS, '5m');
  const tree = parser.parse(text);
  const errors: string[] = [];
  const metrics: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`error at ${node.from}: "${text.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) metrics.push(text.slice(id.from, id.to));
      }
    },
  });
  return { errors, metrics };
}
