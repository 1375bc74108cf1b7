import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { AwsSecretStore, ExternalSecret, type SecretKeyRef } from './external-secret.js';
import { SECRET_NAME, TENANT_DATA_SERVICE_ACCOUNT, tenantMilvusUser, tenantSecretStore, tenantValkeyUser } from '../data/layout.js';
import { TENANT_SECRETS } from '../lib/platform-services.js';

export interface TenantDataProps {
  readonly tenant: string;
  readonly namespace: string;
  /** Secrets Manager root of the environment (`<secretsPrefix>/<env>`). */
  readonly secretsRoot: string;
  readonly region: string;
  /** The role confined to this tenant's secrets, which the operator assumes for this namespace's store. */
  readonly secretsRoleArn: string;
  /**
   * The platform's Valkey serves TLS with its own CA: the tenant's Valkey secret also carries `ca.crt`.
   * @default false
   */
  readonly valkeyCa?: boolean;
}

/**
 * A tenant's way into the data layer: its Milvus and Valkey users and its AI gateway key as Secrets (ExternalSecrets
 * through a SecretStore of this namespace, which reads through a role confined to this tenant's secrets), and the `tenant-data`
 * service account, which EKS Pod Identity binds to the role confined to the tenant's S3 prefix.
 */
export class TenantData extends Construct {
  constructor(scope: Construct, id: string, props: TenantDataProps) {
    super(scope, id);
    const { tenant, namespace, secretsRoot: root } = props;
    const store = tenantSecretStore(tenant);
    new AwsSecretStore(this, 'store', { name: store, namespace, region: props.region, roleArn: props.secretsRoleArn });
    const secret = (id: string, name: string, data: SecretKeyRef[], template?: Record<string, string>) =>
      new ExternalSecret(this, id, { name, namespace, store, storeKind: 'SecretStore', data, template });
    const password = (remoteKey: string): SecretKeyRef => ({ secretKey: 'password', remoteKey, property: 'password' });

    secret('milvus', TENANT_SECRETS.milvus, [password(SECRET_NAME.tenantMilvus(root, tenant))], { username: tenantMilvusUser(tenant), password: '{{ .password }}' });
    const valkey = SECRET_NAME.tenantValkey(root, tenant);
    secret(
      'valkey',
      TENANT_SECRETS.valkey,
      [password(valkey), ...(props.valkeyCa ? [{ secretKey: 'ca', remoteKey: valkey, property: 'ca.crt' }] : [])],
      { username: tenantValkeyUser(tenant), password: '{{ .password }}', ...(props.valkeyCa ? { 'ca.crt': '{{ .ca }}' } : {}) },
    );
    secret('llm-api-key', TENANT_SECRETS.llmApiKey, [{ secretKey: 'api-key', remoteKey: SECRET_NAME.tenantLlmKey(root, tenant), property: 'api-key' }]);
    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name: TENANT_DATA_SERVICE_ACCOUNT, namespace },
      automountServiceAccountToken: false,
    });
  }
}
