import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { formatInputError, InputErrors } from '../../src/config/input-error.js';
import { loadInput } from '../../src/config/load.js';
import { removeRepo, writeInput } from '../support/repo.js';

/**
 * Input fixtures owned by test/config: nothing here reads the repository's own environments/ or tenants/, so
 * adding, changing or removing an example file never breaks these tests. Line numbers in expectations count
 * from these texts.
 */

/** An environment `prod`: one cluster, one GPU pool, one model. Lines: 13 is the pool, 18 the model. */
export const ENV = `name: prod
aws:
  accountId: "111122223333"
  region: us-west-2
kubernetesVersion: "1.33"
clusters:
  - name: shared
    server: https://kubernetes.default.svc
argocd:
  repoURL: https://git.example.com/org/platform.git
  targetRevision: main
gpuPools:
  - name: gpu-pool
    capacityTypes: [on-demand]
    instanceTypes: [g5.xlarge, g5.12xlarge]
    gpuLimit: 16
models:
  - name: small
    engine: vllm
    image: vllm/vllm-openai:v0.11.0
    modelId: Org/Small
    gpusPerReplica: 1
    gpuMemoryGiB: 20
    gpuPool: gpu-pool
    cpu: "2"
    memory: 8Gi
`;

/** A minimal valid tenant `acme` of prod; each case changes one thing. */
export const TENANT = `name: acme
displayName: Acme
owners: [ops@acme.example]
groups:
  operators: [acme-ops]
environments: [prod]
`;

/** The environment fixture with `from` replaced by `to`; fails loudly when `from` is not in it. */
export function envWith(from: string, to: string, base = ENV): string {
  if (!base.includes(from)) throw new Error(`fixture: "${from}" is not in the environment fixture`);
  return base.replace(from, to);
}

/** The environment fixture with `text` appended (more keys at the top level or more list items at the end). */
export const envPlus = (text: string) => ENV + text;
/** The tenant fixture with `text` appended. */
export const tenantPlus = (text: string, base = TENANT) => base + text;

/** A scratch folder holding only `environments/prod.yaml` (ENV), fresh for each test, removed afterwards. */
export function useFixtureRepo(use: (root: string) => void): void {
  let current = '';
  beforeEach(() => {
    current = mkdtempSync(join(tmpdir(), 'agentic-config-'));
    writeInput(current, 'environments/prod.yaml', ENV);
    use(current);
  });
  afterEach(() => removeRepo(current));
}

/** Every input error of `root`, formatted as users see them; [] when the input loads. */
export function errorsOf(root: string): string[] {
  try {
    loadInput(root);
    return [];
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    return e.errors.map(formatInputError);
  }
}
