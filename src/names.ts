/**
 * The default Kubernetes cluster DNS domain.
 */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
