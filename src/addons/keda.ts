import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

export const KEDA_NAMESPACE = 'keda';

/** KEDA: turns ScaledObjects into HPAs fed by Prometheus queries (queue depth, GPU utilization). */
export const KEDA: HelmAddon = {
  name: 'keda',
  namespace: KEDA_NAMESPACE,
  repoURL: 'https://kedacore.github.io/charts',
  chart: 'keda',
  version: '2.21.1',
  wave: WAVE.addons,
  crdGroups: ['keda.sh', 'eventing.keda.sh'],
  values: {
    resources: {
      operator: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1000Mi' } },
      metricServer: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1000Mi' } },
      webhooks: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    },
    prometheus: { operator: { enabled: true, serviceMonitor: { enabled: true } } },
  },
};
