/** The pod templates inside synthesized manifests, for the checks that read pods (reachability, GPU proofs). */

export interface ContainerTemplate {
  readonly name: string;
  readonly image?: string;
  readonly ports?: readonly { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
}

export interface PodSpecTemplate {
  readonly containers: readonly ContainerTemplate[];
  readonly initContainers?: readonly ContainerTemplate[];
  readonly tolerations?: readonly { key?: string; operator?: 'Exists' | 'Equal'; value?: string; effect?: string }[];
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly affinity?: {
    readonly nodeAffinity?: {
      readonly requiredDuringSchedulingIgnoredDuringExecution?: {
        readonly nodeSelectorTerms: readonly { readonly matchExpressions?: readonly { key: string; operator: string; values?: string[] }[] }[];
      };
    };
  };
}

/** Any manifest: only the fields these checks read. */
export interface ManifestLike {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: unknown;
}

export interface PodTemplate {
  /** "Kind namespace/name" of the owning workload, for messages. */
  readonly owner: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: PodSpecTemplate;
}

/** Kinds whose spec.template is a pod template. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

export function podTemplates(objects: readonly ManifestLike[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const o of objects) {
    if (!o.kind || !WORKLOAD_KINDS.has(o.kind)) continue;
    const template = (o.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpecTemplate } } | undefined)?.template;
    if (!template?.spec) continue;
    const namespace = o.metadata?.namespace ?? 'default';
    const name = o.metadata?.name ?? '';
    out.push({ owner: `${o.kind} ${namespace}/${name}`, kind: o.kind, name, namespace, labels: template.metadata?.labels ?? {}, spec: template.spec });
  }
  return out;
}
