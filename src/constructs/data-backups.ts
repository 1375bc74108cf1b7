import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { Environment } from '../config/schema/environment.js';
import { BACKUP_SERVICE_ACCOUNT, DATA_SECRETS, S3_PREFIX, dataBucket } from '../data/layout.js';
import { MILVUS_RELEASE, VALKEY_ADMIN_USER, VALKEY_RELEASE, DATA_VERSIONS } from '../addons/data-addons.js';
import { PLATFORM_NAMESPACE as NS } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';

/** Pinned images of the backup jobs (none Bitnami). */
export const BACKUP_IMAGES = {
  milvusBackup: 'milvusdb/milvus-backup:v0.5.16',
  valkey: `valkey/valkey:${DATA_VERSIONS.valkey}`,
  awsCli: 'amazon/aws-cli:2.27.0',
} as const;

const NOBODY = 65534;
const q = (v: string) => k8s.Quantity.fromString(v);
const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) => ({
  requests: { cpu: q(cpu), memory: q(memory) },
  limits: { cpu: q(cpuLimit), memory: q(memoryLimit) },
});
const RESTRICTED = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
const POD_SECURITY = { runAsNonRoot: true, runAsUser: NOBODY, runAsGroup: NOBODY, fsGroup: NOBODY, seccompProfile: { type: 'RuntimeDefault' } };

/** milvus-backup's configuration: Milvus and its etcd in ai-data, both storages the environment's bucket (IAM). */
export function milvusBackupConfig(env: Environment): string {
  const bucket = dataBucket(env);
  const region = env.aws.region;
  return [
    'log:',
    '  level: info',
    '  console: true',
    '  file:',
    '    filename: "/tmp/logs/backup.log"',
    'milvus:',
    `  address: ${MILVUS_RELEASE}.${NS.data}.svc.cluster.local`,
    `  port: ${PORTS.milvus}`,
    '  user: "root"',
    '  # password: from MILVUS_PASSWORD (Secret milvus-root)',
    '  etcd:',
    `    endpoints: ${MILVUS_RELEASE}-etcd.${NS.data}.svc.cluster.local:2379`,
    '    rootPath: "by-dev"',
    'minio:',
    '  storageType: "aws"',
    `  address: s3.${region}.amazonaws.com`,
    '  port: 443',
    `  region: ${region}`,
    '  useSSL: true',
    '  useIAM: true',
    `  bucketName: "${bucket}"`,
    `  rootPath: "${S3_PREFIX.milvus.replace(/\/$/, '')}"`,
    '  backupStorageType: "aws"',
    `  backupAddress: s3.${region}.amazonaws.com`,
    '  backupPort: 443',
    `  backupRegion: ${region}`,
    '  backupUseSSL: true',
    '  backupUseIAM: true',
    `  backupBucketName: "${bucket}"`,
    `  backupRootPath: "${S3_PREFIX.backups}milvus"`,
    '',
  ].join('\n');
}

export interface DataBackupsProps {
  readonly env: Environment;
}

/**
 * Scheduled backups of the data layer to the environment's bucket (under backups/), as the `data-backup` service
 * account (its Pod Identity role reads milvus/ and writes backups/ only): milvus-backup, Milvus' upstream backup tool,
 * and an RDB snapshot of the Valkey primary taken with valkey-cli (replication protocol) and copied with the AWS CLI.
 */
export class DataBackups extends Construct {
  constructor(scope: Construct, id: string, props: DataBackupsProps) {
    super(scope, id);
    const { env } = props;
    const bucket = dataBucket(env);
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: BACKUP_SERVICE_ACCOUNT, namespace: NS.data }, automountServiceAccountToken: false });

    new k8s.KubeConfigMap(this, 'milvus-config', { metadata: { name: 'milvus-backup', namespace: NS.data }, data: { 'backup.yaml': milvusBackupConfig(env) } });
    const cronJob = (name: string, schedule: string, pod: k8s.PodSpec) =>
      new k8s.KubeCronJob(this, name, {
        metadata: { name, namespace: NS.data },
        spec: {
          schedule,
          timeZone: 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          jobTemplate: {
            spec: {
              backoffLimit: 2,
              activeDeadlineSeconds: 6 * 3600,
              template: { metadata: { labels: { 'app.kubernetes.io/name': name } }, spec: { restartPolicy: 'Never', serviceAccountName: BACKUP_SERVICE_ACCOUNT, securityContext: POD_SECURITY, ...pod } },
            },
          },
        },
      });

    cronJob('milvus-backup', env.data.milvus.backupSchedule, {
      containers: [
        {
          name: 'milvus-backup',
          image: BACKUP_IMAGES.milvusBackup,
          command: ['/bin/sh', '-c', 'exec /app/milvus-backup --config /config/backup.yaml create -n "scheduled_$(date -u +%Y%m%d_%H%M)"'],
          env: [{ name: 'MILVUS_PASSWORD', valueFrom: { secretKeyRef: { name: DATA_SECRETS.milvusRoot, key: 'password' } } }],
          resources: resources('250m', '512Mi', '2', '2Gi'),
          securityContext: RESTRICTED,
          volumeMounts: [
            { name: 'config', mountPath: '/config', readOnly: true },
            { name: 'tmp', mountPath: '/tmp' },
          ],
        },
      ],
      volumes: [
        { name: 'config', configMap: { name: 'milvus-backup' } },
        { name: 'tmp', emptyDir: { sizeLimit: q('1Gi') } },
      ],
    });

    if (env.data.valkey.external) return;
    cronJob('valkey-backup', env.data.valkey.backupSchedule, {
      initContainers: [
        {
          name: 'snapshot',
          image: BACKUP_IMAGES.valkey,
          command: ['/bin/sh', '-c', `exec valkey-cli --tls --cacert /tls/ca.crt -h ${VALKEY_RELEASE}.${NS.data}.svc.cluster.local -p ${PORTS.redis} --user ${VALKEY_ADMIN_USER} --pass "$(cat /users/${VALKEY_ADMIN_USER})" --no-auth-warning --rdb /backup/dump.rdb`],
          resources: resources('100m', '128Mi', '1', '512Mi'),
          securityContext: RESTRICTED,
          volumeMounts: [
            { name: 'backup', mountPath: '/backup' },
            { name: 'tls', mountPath: '/tls', readOnly: true },
            { name: 'users', mountPath: '/users', readOnly: true },
          ],
        },
      ],
      containers: [
        {
          name: 'upload',
          image: BACKUP_IMAGES.awsCli,
          command: ['/bin/sh', '-c', `exec aws s3 cp /backup/dump.rdb "s3://${bucket}/${S3_PREFIX.backups}valkey/$(date -u +%Y%m%d_%H%M).rdb"`],
          env: [{ name: 'HOME', value: '/tmp' }],
          resources: resources('100m', '128Mi', '1', '512Mi'),
          securityContext: RESTRICTED,
          volumeMounts: [
            { name: 'backup', mountPath: '/backup', readOnly: true },
            { name: 'tmp', mountPath: '/tmp' },
          ],
        },
      ],
      volumes: [
        { name: 'backup', emptyDir: { sizeLimit: q(String(env.data.valkey.storage)) } },
        { name: 'tmp', emptyDir: { sizeLimit: q('256Mi') } },
        { name: 'tls', secret: { secretName: DATA_SECRETS.valkeyTls, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { name: 'users', secret: { secretName: DATA_SECRETS.valkeyUsers, items: [{ key: VALKEY_ADMIN_USER, path: VALKEY_ADMIN_USER }] } },
      ],
    });
  }
}
