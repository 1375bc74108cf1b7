import { describe, expect, it } from 'vitest';
import { loadInputWithSources } from '../../src/config/load.js';
import { locateOutputProblem } from '../../src/config/provenance.js';
import { writeInput } from '../support/repo.js';
import { envPlus, TENANT, tenantPlus, useFixtureRepo } from './fixture-repo.js';

describe('output problems name the input that produced the object', () => {
  let root = '';
  useFixtureRepo((r) => (root = r));
  const locate = (problem: string) => {
    writeInput(root, 'environments/prod.yaml', envPlus('    canary: {image: vllm/vllm-openai:v0.12.0, weight: 10}\nquotas:\n  ai-data: {pvcs: 5}\n'));
    writeInput(root, 'tenants/acme.yaml', tenantPlus('isolation:\n  level: node\n', TENANT));
    return locateOutputProblem(loadInputWithSources(root), 'prod', problem);
  };

  it.each([
    ['nodes/NodePool.gpu-pool.yaml: NodePool/gpu-pool: x', 'environments/prod.yaml:13:5 gpuPools[0]: produces dist/prod/nodes/NodePool.gpu-pool.yaml: NodePool/gpu-pool: x'],
    ['inference/Deployment.small.yaml: y', 'environments/prod.yaml:18:5 models[0]: produces dist/prod/inference/Deployment.small.yaml: y'],
    ['inference/Service.small-canary.yaml: y', 'environments/prod.yaml:27:13 models[0].canary: produces dist/prod/inference/Service.small-canary.yaml: y'],
    ['platform/ResourceQuota.ai-data-quota.yaml: z', 'environments/prod.yaml:29:12 quotas.ai-data: produces dist/prod/platform/ResourceQuota.ai-data-quota.yaml: z'],
    ['tenant-acme/NodePool.tenant-acme.yaml: w', 'tenants/acme.yaml:8:3 isolation: produces dist/prod/tenant-acme/NodePool.tenant-acme.yaml: w'],
    ['tenant-acme/RoleBinding.agent-operator.yaml: w', 'tenants/acme.yaml:5:3 groups: produces dist/prod/tenant-acme/RoleBinding.agent-operator.yaml: w'],
    ['tenant-acme/LimitRange.tenant-acme-limits.yaml: w', 'environments/prod.yaml:1:1 containerDefaults: produces dist/prod/tenant-acme/LimitRange.tenant-acme-limits.yaml: w'],
    ['argocd/AppProject.tenant-acme.yaml: v', 'tenants/acme.yaml:1:7 name: produces dist/prod/argocd/AppProject.tenant-acme.yaml: v'],
    ['argocd/Application.keda.yaml: v', 'environments/prod.yaml:10:3 argocd: produces dist/prod/argocd/Application.keda.yaml: v'],
  ])('maps %s', (problem, expected) => {
    expect(locate(problem)).toBe(expected);
  });
});
