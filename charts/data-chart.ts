import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { AwsSecretStore, ExternalSecret } from '../src/constructs/external-secret.js';
import { dataRoles, POD_IDENTITY_TRUST_POLICY } from '../src/data/access.js';
import {
  DATA_SECRETS,
  PLATFORM_SECRET_STORE,
  PLATFORM_SECRETS,
  SECRET_NAME,
  secretsRoot,
  tenantValkeyUser,
} from '../src/data/layout.js';
import { MILVUS_COMPONENTS, MILVUS_RELEASE, VALKEY_ADMIN_USER, VALKEY_REPLICATION_USER } from '../src/addons/data-addons.js';
import { LLM_CREDENTIAL_LABEL, PLATFORM_CALLER, llmCredentialSecret } from '../src/gateway/routing.js';
import { commonLabels } from '../src/lib/labels.js';
import { huggingFaceTokenSecret } from '../src/constructs/model-server.js';
import { PLATFORM_NAMESPACE as NS, PLATFORM_NAMESPACES } from '../src/lib/names.js';
import { TENANT_SECRETS } from '../src/lib/platform-services.js';

export interface DataChartProps {
  readonly env: Environment;
  /** Names of the environment's tenants: all the shared objects read of them. */
  readonly tenants: readonly string[];
}

/** Value of the AI gateway's per-caller credential Secret entry (format in src/gateway/routing.ts). */
const gatewayKeyTemplate = (caller: string) => `{"key":"{{ .key }}","metadata":{"tenant":"${caller}"}}`;

/** The Hugging Face token Secrets model servers read (`token`): the gated models' and those naming one. */
export function huggingFaceSecrets(env: Environment): string[] {
  return [...new Set(env.models.flatMap((m) => huggingFaceTokenSecret(m) ?? []))].sort();
}

/**
 * The data layer's shared credentials and guardrails, before Milvus and Valkey start: the store of the platform namespaces
 * (tenants have their own, in their namespaces), an ExternalSecret for every platform credential, PodDisruptionBudgets for Milvus, and the IAM
 * roles and policies that live outside this repository, as the `aws-iam` ConfigMap. Each tenant's AI gateway
 * credential is a DataTenantChart of the same folder.
 */
export class DataChart extends Chart {
  constructor(scope: Construct, id: string, props: DataChartProps) {
    super(scope, id, { labels: commonLabels('data', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    const tenants = [...props.tenants].sort();
    const root = secretsRoot(env);

    // Tenants' stores are SecretStores in their own namespaces (tenant charts), usable from nowhere else.
    new AwsSecretStore(this, 'platform-store', { name: PLATFORM_SECRET_STORE, region: env.aws.region, namespaces: PLATFORM_NAMESPACES });

    const platformSecret = (id: string, props: Omit<ConstructorParameters<typeof ExternalSecret>[2], 'store'>) =>
      new ExternalSecret(this, id, { ...props, store: PLATFORM_SECRET_STORE });

    // Milvus: root, and the tenants' passwords for the bootstrap Job.
    platformSecret('milvus-root', {
      name: DATA_SECRETS.milvusRoot,
      namespace: NS.data,
      data: [{ secretKey: 'password', remoteKey: SECRET_NAME.milvusRoot(root), property: 'password' }],
    });
    if (tenants.length > 0) {
      platformSecret('milvus-tenants', {
        name: DATA_SECRETS.milvusTenants,
        namespace: NS.data,
        data: tenants.map((t) => ({ secretKey: t, remoteKey: SECRET_NAME.tenantMilvus(root, t), property: 'password' })),
      });
    }

    // Valkey: every ACL user's password (the chart's usersExistingSecret, key = user name), and its certificate.
    if (!env.data.valkey.external) {
      platformSecret('valkey-users', {
        name: DATA_SECRETS.valkeyUsers,
        namespace: NS.data,
        data: [
          { secretKey: VALKEY_ADMIN_USER, remoteKey: SECRET_NAME.valkeyAdmin(root), property: 'password' },
          { secretKey: VALKEY_REPLICATION_USER, remoteKey: SECRET_NAME.valkeyReplication(root), property: 'password' },
          ...tenants.map((t) => ({ secretKey: tenantValkeyUser(t), remoteKey: SECRET_NAME.tenantValkey(root, t), property: 'password' })),
        ],
      });
      platformSecret('valkey-tls', {
        name: DATA_SECRETS.valkeyTls,
        namespace: NS.data,
        data: ['server.crt', 'server.key', 'ca.crt'].map((k) => ({ secretKey: k, remoteKey: SECRET_NAME.valkeyTls(root), property: k })),
      });
    }

    // The AI gateway's credential of the platform's own agents (each tenant's is in its DataTenantChart), and the
    // agents' copy.
    gatewayKey(this, PLATFORM_CALLER, SECRET_NAME.agentsLlmKey(root));
    platformSecret('agents-llm-api-key', {
      name: TENANT_SECRETS.llmApiKey,
      namespace: NS.agents,
      data: [{ secretKey: 'api-key', remoteKey: SECRET_NAME.agentsLlmKey(root), property: 'api-key' }],
    });

    // Model downloads, kagent's database, Langfuse.
    for (const name of huggingFaceSecrets(env)) {
      platformSecret(`hf-${name}`, {
        name,
        namespace: NS.inference,
        data: [{ secretKey: 'token', remoteKey: SECRET_NAME.huggingFace(root), property: 'token' }],
      });
    }
    platformSecret('kagent-postgres', {
      ...PLATFORM_SECRETS.kagentPostgres,
      data: [{ secretKey: 'url', remoteKey: SECRET_NAME.kagentPostgres(root), property: 'url' }],
    });
    platformSecret('langfuse', {
      ...PLATFORM_SECRETS.langfuse,
      data: ['public-key', 'secret-key'].map((k) => ({ secretKey: k, remoteKey: SECRET_NAME.langfuse(root), property: k })),
    });

    // Milvus' stateless components run two or more replicas in production: keep one up through node drains.
    const m = env.data.milvus;
    const replicas: Record<(typeof MILVUS_COMPONENTS)[number], number> = {
      proxy: m.proxyReplicas,
      querynode: m.queryNodeReplicas,
      datanode: m.dataNodeReplicas,
      streamingnode: m.streamingNodeReplicas,
      mixcoord: 1,
    };
    for (const component of MILVUS_COMPONENTS.filter((c) => replicas[c] > 1)) {
      new k8s.KubePodDisruptionBudget(this, `pdb-milvus-${component}`, {
        metadata: { name: `milvus-${component}`, namespace: NS.data },
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: { 'app.kubernetes.io/instance': MILVUS_RELEASE, component } } },
      });
    }

    // The AWS side, which this repository does not create: every role, who gets it, and its exact policy.
    const roles = dataRoles(env, tenants);
    // A plain object: cdk8s' KubeConfigMap copies `data` key by key into a new object each time (quadratic in the
    // number of keys, and there are a few per tenant).
    new ApiObject(this, 'aws-iam', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aws-iam', namespace: NS.data },
      data: {
        'pod-identity-trust-policy.json': `${JSON.stringify(POD_IDENTITY_TRUST_POLICY, null, 2)}\n`,
        ...Object.fromEntries(roles.map((r) => [`${r.name}.json`, `${JSON.stringify(r, null, 2)}\n`])),
      },
    });
  }
}

export interface DataTenantChartProps {
  /** Name of the environment (the objects' label). */
  readonly envName: string;
  /** The environment's secretsRoot. */
  readonly secretsRoot: string;
  /** The tenant's name: all its objects here read of it. */
  readonly tenant: string;
}

/** One tenant's object in the data folder: the ExternalSecret of its AI gateway credential. */
export class DataTenantChart extends Chart {
  constructor(scope: Construct, id: string, props: DataTenantChartProps) {
    super(scope, id, { labels: commonLabels('data', props.envName), disableResourceNameHashes: true });
    gatewayKey(this, props.tenant, SECRET_NAME.tenantLlmKey(props.secretsRoot, props.tenant));
  }
}

/** The ExternalSecret of one caller's AI gateway credential, in the gateway namespace. */
function gatewayKey(scope: Construct, caller: string, remoteKey: string): ExternalSecret {
  return new ExternalSecret(scope, `llm-key-${caller}`, {
    name: llmCredentialSecret(caller),
    namespace: NS.gateway,
    store: PLATFORM_SECRET_STORE,
    secretLabels: { [LLM_CREDENTIAL_LABEL]: 'true' },
    data: [{ secretKey: 'key', remoteKey, property: 'api-key' }],
    template: { [caller]: gatewayKeyTemplate(caller) },
  });
}
