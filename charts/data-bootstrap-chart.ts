import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { BOOTSTRAP_SECRET_PATHS, bootstrapScript, bootstrapSteps, type BootstrapTenant } from '../src/data/milvus-bootstrap.js';
import { DATA_SECRETS } from '../src/data/layout.js';
import { commonLabels } from '../src/lib/labels.js';
import { PLATFORM_NAMESPACE as NS } from '../src/lib/names.js';
import { DataBackups } from '../src/constructs/data-backups.js';

export interface DataBootstrapChartProps {
  readonly env: Environment;
  /** The environment's tenants, as much of them as the bootstrap reads (see bootstrapTenants). */
  readonly tenants: readonly BootstrapTenant[];
}

/** Pinned image of the bootstrap Job: curl and a POSIX shell, nothing installed at run time. */
export const BOOTSTRAP_IMAGE = 'curlimages/curl:8.14.1';
/** The image's curl_user. */
const CURL_UID = 100;

/**
 * What runs once Milvus and Valkey are up: the bootstrap Job that gives each tenant its database, role, user and
 * knowledge-base collections, and the scheduled backups to S3. The Job is an Argo CD Sync hook, recreated on every
 * sync (BeforeHookCreation), so a new tenant or knowledge base is created by the next sync; every step is idempotent.
 */
export class DataBootstrapChart extends Chart {
  constructor(scope: Construct, id: string, props: DataBootstrapChartProps) {
    super(scope, id, { labels: commonLabels('data', props.env.name), disableResourceNameHashes: true });
    const script = bootstrapScript(bootstrapSteps(props.env, props.tenants));
    const name = 'milvus-bootstrap';
    new k8s.KubeConfigMap(this, 'script', { metadata: { name, namespace: NS.data }, data: { 'bootstrap.sh': script } });

    new DataBackups(this, 'backups', { env: props.env });
    const hasTenants = props.tenants.length > 0;
    new k8s.KubeJob(this, 'job', {
      metadata: {
        name,
        namespace: NS.data,
        annotations: { 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
      },
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: 1800,
        ttlSecondsAfterFinished: 86400,
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': name } },
          spec: {
            restartPolicy: 'OnFailure',
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: CURL_UID, runAsGroup: CURL_UID, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'bootstrap',
                image: BOOTSTRAP_IMAGE,
                command: ['/bin/sh', '/bootstrap/bootstrap.sh'],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('32Mi') },
                  limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('64Mi') },
                },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [
                  { name: 'script', mountPath: '/bootstrap', readOnly: true },
                  { name: 'root', mountPath: BOOTSTRAP_SECRET_PATHS.root.replace(/\/[^/]+$/, ''), readOnly: true },
                  ...(hasTenants ? [{ name: 'tenants', mountPath: BOOTSTRAP_SECRET_PATHS.tenants, readOnly: true }] : []),
                ],
              },
            ],
            volumes: [
              { name: 'script', configMap: { name } },
              { name: 'root', secret: { secretName: DATA_SECRETS.milvusRoot } },
              ...(hasTenants ? [{ name: 'tenants', secret: { secretName: DATA_SECRETS.milvusTenants } }] : []),
            ],
          },
        },
      },
    });
  }
}
