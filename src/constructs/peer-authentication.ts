import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IPeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

/** Istio mTLS in STRICT mode for every workload of a namespace: plain-text traffic to it is refused. */
export class StrictMtls extends Construct {
  constructor(scope: Construct, id: string, props: { readonly namespace: string }) {
    super(scope, id);
    const obj: IPeerAuthentication = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: props.namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: { mtls: { mode: 'STRICT' } },
    };
    new ApiObject(this, 'Resource', obj);
  }
}
