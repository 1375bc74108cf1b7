import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

export interface PodMetricsScrapeProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the pods to scrape. */
  readonly selector: Record<string, string>;
  /** Container port that serves /metrics. */
  readonly port: number;
}

/**
 * A Prometheus Operator PodMonitor scraping /metrics every 15 s: for pods a controller creates without a metrics
 * Service port (gateway proxies).
 */
export class PodMetricsScrape extends Construct {
  constructor(scope: Construct, id: string, props: PodMetricsScrapeProps) {
    super(scope, id);
    const monitor: IPodMonitor = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: props.name, namespace: props.namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        selector: { matchLabels: props.selector },
        namespaceSelector: { matchNames: [props.namespace] },
        podMetricsEndpoints: [{ portNumber: props.port, path: '/metrics', interval: '15s' }],
      },
    };
    new ApiObject(this, 'Resource', monitor);
  }
}
