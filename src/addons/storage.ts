import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

/** The StorageClass of EFS-backed ReadWriteMany volumes (shared model caches); the model schema's default. */
export const EFS_STORAGE_CLASS = 'efs-sc';

/** The CSI driver name the StorageClass provisions through. */
export const EFS_PROVISIONER = 'efs.csi.aws.com';

/**
 * The Amazon EFS CSI driver. Its controller creates one EFS access point per volume; it needs an IAM role bound to
 * `kube-system/efs-csi-controller-sa` (EKS Pod Identity or IRSA) with the AmazonEFSCSIDriverPolicy.
 */
export const EFS_CSI_DRIVER: HelmAddon = {
  name: 'aws-efs-csi-driver',
  namespace: 'kube-system',
  repoURL: 'https://kubernetes-sigs.github.io/aws-efs-csi-driver',
  chart: 'aws-efs-csi-driver',
  version: '4.4.1',
  wave: WAVE.crds,
  createNamespace: false,
  values: {
    controller: { serviceAccount: { create: true, name: 'efs-csi-controller-sa' } },
    // The platform's StorageClass (inference chart) is typed and validated; the chart makes none.
    storageClasses: [],
  },
};
