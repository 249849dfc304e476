import { parser } from '@prometheus-io/lezer-promql';

/**
 * The metric names a PromQL expression reads, from Prometheus's own PromQL grammar
 * (@prometheus-io/lezer-promql, the parser of Prometheus's web UI): every vector selector's
 * name, including the `{__name__="x"}` form. A parse error is reported, never guessed around.
 */
export interface PromqlMetrics {
  names: string[];
  error: string | null;
}

export function metricNames(expr: string): PromqlMetrics {
  const tree = parser.parse(expr);
  const names = new Set<string>();
  let error: string | null = null;
  tree.iterate({
    enter(node) {
      if (node.type.isError && error === null) error = `PromQL parse error at offset ${node.from} in ${JSON.stringify(expr)}`;
      if (node.name === 'VectorSelector') {
        const ident = node.node.getChild('Identifier');
        if (ident) names.add(expr.slice(ident.from, ident.to));
        for (const m of node.node.getChildren('LabelMatchers').flatMap((l) => l.getChildren('UnquotedLabelMatcher'))) {
          const label = m.getChild('LabelName');
          const value = m.getChild('StringLiteral');
          const op = m.getChild('MatchOp')?.firstChild?.name;
          if (label && value && op === 'EqlSingle' && expr.slice(label.from, label.to) === '__name__') {
            names.add(JSON.parse(expr.slice(value.from, value.to).replace(/^'|'$/g, '"')) as string);
          }
        }
      }
    },
  });
  return { names: [...names].sort(), error };
}

/** A histogram's series (`x_bucket`, `x_sum`, `x_count`) belong to the metric `x`. */
export function baseMetric(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, '');
}
