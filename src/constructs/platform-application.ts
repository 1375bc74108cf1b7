import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave } from '../lib/argocd-annotations.js';

type ApplicationSpec = IApplication['spec'];

export interface PlatformApplicationProps {
  readonly name: string;
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
  readonly project: string;
  /** @default - none besides the chart's */
  readonly labels?: Record<string, string>;
  /** Extra annotations (notification subscriptions). @default - the sync wave and dry-run option only */
  readonly annotations?: Record<string, string>;
  /** Argo CD sync wave of the Application itself (lower first). */
  readonly wave: number;
  readonly source: ApplicationSpec['source'];
  readonly destination: ApplicationSpec['destination'];
  /** Sync options on top of ServerSideApply. */
  readonly syncOptions?: readonly string[];
  /**
   * Fields Argo CD should not count as drift (values a controller rewrites after the sync).
   * @default - none
   */
  readonly ignoreDifferences?: ApplicationSpec['ignoreDifferences'];
  /**
   * Prune what left the source, and delete what the Application deployed when it is deleted. Off for stateful data.
   * @default true
   */
  readonly prune?: boolean;
}

/**
 * An Argo CD Application the way the platform runs all of them: automated with prune and self-heal, server-side
 * apply, retries with backoff, and a finalizer so that deleting the Application deletes what it deployed; stateful
 * data (`prune: false`) is neither pruned nor deleted with its Application.
 */
export class PlatformApplication extends Construct {
  constructor(scope: Construct, id: string, props: PlatformApplicationProps) {
    super(scope, id);
    const app: IApplication = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: props.labels } : {}),
        annotations: { ...props.annotations, ...syncWave(props.wave), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE },
        ...(props.prune === false ? {} : { finalizers: ['resources-finalizer.argocd.argoproj.io'] }),
      },
      spec: {
        project: props.project,
        source: props.source,
        destination: props.destination,
        syncPolicy: {
          automated: { prune: props.prune ?? true, selfHeal: true },
          // RespectIgnoreDifferences: self-heal leaves the ignored fields alone too, not only the diff.
          syncOptions: ['ServerSideApply=true', ...(props.syncOptions ?? []), ...(props.ignoreDifferences ? ['RespectIgnoreDifferences=true'] : [])],
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
        },
        ...(props.ignoreDifferences ? { ignoreDifferences: props.ignoreDifferences } : {}),
      },
    };
    new ApiObject(this, 'Resource', app);
  }
}
