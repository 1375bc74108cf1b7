import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

/**
 * The Prometheus Operator CRDs alone (ServiceMonitor, PodMonitor, PrometheusRule, ...), so that our ServiceMonitors and
 * KEDA's apply before the observability layer installs Prometheus. The CRDs are cluster-scoped; the namespace only
 * satisfies the Application's destination, so it is one that exists on every cluster before anything syncs.
 */
export const PROMETHEUS_OPERATOR_CRDS: HelmAddon = {
  name: 'prometheus-operator-crds',
  namespace: 'kube-system',
  repoURL: 'https://prometheus-community.github.io/helm-charts',
  chart: 'prometheus-operator-crds',
  version: '31.0.1',
  wave: WAVE.crds,
  crdGroups: ['monitoring.coreos.com'],
  createNamespace: false,
  values: {},
};
