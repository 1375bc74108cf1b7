import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

export interface MetricsScrapeProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the Services to scrape. */
  readonly selector: Record<string, string>;
  /** Name of the Service port that serves /metrics. */
  readonly port: string;
  /**
   * Keep the target's own namespace and pod labels (the DCGM exporter reports the pod that uses each GPU).
   * @default false
   */
  readonly honorLabels?: boolean;
}

/** A Prometheus Operator ServiceMonitor scraping /metrics every 15 s. */
export class MetricsScrape extends Construct {
  constructor(scope: Construct, id: string, props: MetricsScrapeProps) {
    super(scope, id);
    const monitor: IServiceMonitor = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE },
      },
      spec: {
        selector: { matchLabels: props.selector },
        namespaceSelector: { matchNames: [props.namespace] },
        endpoints: [{ port: props.port, path: '/metrics', interval: '15s', ...(props.honorLabels ? { honorLabels: true } : {}) }],
      },
    };
    new ApiObject(this, 'Resource', monitor);
  }
}
