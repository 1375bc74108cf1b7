/**
 * Argo CD sync waves of the Applications in the root (`argocd`) folder. Argo CD syncs a wave only after the
 * Applications of the waves before it are healthy, so whatever installs a CRD comes before whatever uses it.
 */
export const WAVE = {
  /** Namespaces that add-ons install into and that need our Pod Security labels (istio-system, istio-cni). */
  addonNamespaces: -9,
  /** Add-ons that install CRDs or storage drivers others need: Karpenter, Istio base, Prometheus Operator CRDs, EFS CSI. */
  crds: -8,
  /** The Istio CNI node agent: before istiod injects pods that rely on it. */
  meshDataPlane: -7,
  /** istiod: its injection webhook must answer before meshed pods are created. */
  meshControlPlane: -6,
  /** Platform namespaces, guardrails and node classes. */
  platformBase: -5,
  /** Add-ons that use those CRDs (KEDA's ServiceMonitors) or GPU nodes (device plugin, DCGM exporter). */
  addons: -4,
  /** Langfuse: after the ClickHouse operator whose ClickHouseCluster kind its chart uses. */
  observability: -3,
  /** The data layer's secret stores and ExternalSecrets (the Secrets Milvus and Valkey start with). */
  dataSecrets: -3,
  /** Milvus and Valkey. */
  dataStores: -2,
  /** Model servers (ScaledObjects, ServiceMonitors, PVCs on efs-sc); the data layer's bootstrap Job and backups. */
  workloads: -1,
  /** Tenant folders. */
  tenants: 0,
  /** The gateway layer's routes: after the tenant folders whose ReferenceGrants admit them. */
  gateway: 1,
} as const;
