import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave } from '../lib/argocd-annotations.js';

export const EXTERNAL_SECRETS_API = 'external-secrets.io/v1';

/** One key of the Secret, read from a property of a JSON secret in AWS Secrets Manager. */
export interface SecretKeyRef {
  /** Key in the Kubernetes Secret. */
  readonly secretKey: string;
  /** Name of the secret in AWS Secrets Manager. */
  readonly remoteKey: string;
  /** Property of its JSON value. */
  readonly property: string;
}

export interface ExternalSecretProps {
  /** Name of the ExternalSecret and of the Secret it fills. */
  readonly name: string;
  readonly namespace: string;
  /** Store to read from. */
  readonly store: string;
  /** @default 'ClusterSecretStore' */
  readonly storeKind?: 'ClusterSecretStore' | 'SecretStore';
  readonly data: readonly SecretKeyRef[];
  /**
   * Keys computed from the fetched values (template engine v2, e.g. `{{ .password }}`) or constant (a user name).
   * @default - the Secret holds the fetched keys as they are
   */
  readonly template?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly secretLabels?: Readonly<Record<string, string>>;
  /** @default - Opaque */
  readonly secretType?: string;
  /** @default - 1h */
  readonly refreshInterval?: string;
}

/**
 * An ExternalSecret: the External Secrets Operator creates and owns the Secret, from AWS Secrets Manager. The
 * repository never holds a value; deleting the ExternalSecret deletes the Secret (creationPolicy Owner).
 */
export class ExternalSecret extends Construct {
  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    const template =
      props.template || props.secretLabels || props.secretType
        ? {
            engineVersion: 'v2',
            ...(props.secretType ? { type: props.secretType } : {}),
            ...(props.secretLabels ? { metadata: { labels: { ...props.secretLabels } } } : {}),
            ...(props.template ? { data: { ...props.template } } : {}),
          }
        : undefined;
    new ApiObject(this, 'Resource', {
      apiVersion: EXTERNAL_SECRETS_API,
      kind: 'ExternalSecret',
      metadata: { name: props.name, namespace: props.namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE, ...syncWave(-1) } },
      spec: {
        refreshInterval: props.refreshInterval ?? '1h',
        secretStoreRef: { kind: props.storeKind ?? 'ClusterSecretStore', name: props.store },
        target: { name: props.name, creationPolicy: 'Owner', deletionPolicy: 'Retain', ...(template ? { template } : {}) },
        data: props.data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.remoteKey, property: d.property } })),
      },
    });
  }
}

export interface AwsSecretStoreProps {
  readonly name: string;
  readonly region: string;
  /**
   * A ClusterSecretStore usable from these namespaces only; or, with `namespace`, a SecretStore of that namespace.
   * @default - none
   */
  readonly namespaces?: readonly string[];
  /** Namespace of a namespaced SecretStore. @default - a ClusterSecretStore */
  readonly namespace?: string;
  /**
   * Role the operator assumes to read (from its own Pod Identity role).
   * @default - the operator's own role
   */
  readonly roleArn?: string;
}

/**
 * A store on AWS Secrets Manager: a ClusterSecretStore usable from the listed namespaces only, or a SecretStore that
 * only its own namespace's ExternalSecrets can use.
 */
export class AwsSecretStore extends Construct {
  constructor(scope: Construct, id: string, props: AwsSecretStoreProps) {
    super(scope, id);
    const namespaces = props.namespaces ?? [];
    if (!props.namespace && namespaces.length === 0) throw new Error(`ClusterSecretStore ${props.name} must name the namespaces that may use it`);
    new ApiObject(this, 'Resource', {
      apiVersion: EXTERNAL_SECRETS_API,
      kind: props.namespace ? 'SecretStore' : 'ClusterSecretStore',
      metadata: { name: props.name, ...(props.namespace ? { namespace: props.namespace } : {}), annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE, ...syncWave(-1) } },
      spec: {
        // Without `auth`, the operator uses its own credentials: EKS Pod Identity on its service account.
        provider: { aws: { service: 'SecretsManager', region: props.region, ...(props.roleArn ? { role: props.roleArn } : {}) } },
        ...(props.namespace ? {} : { conditions: [{ namespaces: [...namespaces].sort() }] }),
      },
    });
  }
}
