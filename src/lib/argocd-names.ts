/**
 * Names of Argo CD objects. Applications and AppProjects live in Argo CD's own namespace, and several environments may
 * share one Argo CD (a hub): their names start with the environment, so that `dev` and `prod` never claim the same one.
 * The Helm release names of add-ons stay unprefixed (one release per cluster).
 */
export function argoName(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/**
 * Label on the objects to apply by hand, once, on a fresh Argo CD: the platform AppProject and the root Application.
 * `kubectl apply -n argocd -f dist/<env>/argocd -l platform.agentic.io/bootstrap=true`
 */
export const BOOTSTRAP_LABEL = 'platform.agentic.io/bootstrap';

/** Label on an add-on's Application naming the add-on (its Helm release), whichever cluster it installs it on. */
export const ADDON_LABEL = 'platform.agentic.io/addon';
