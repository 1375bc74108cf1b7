import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInput } from '../../src/config/load.js';
import type { PlatformInput } from '../../src/config/platform-input.js';

/**
 * A small platform the gateway tests own: environment "lab" with three models (alpha with a canary and a Bedrock
 * fallback, beta on TGI, gamma), and tenants acme (alpha, beta; two routed agents, one public), globex (gamma; one
 * routed agent) and initech (no models, no routes). Each test may replace any file.
 */
export const LAB_ENV = `name: lab
aws: { accountId: "123456789012", region: us-west-2 }
kubernetesVersion: "1.33"
clusters:
  - { name: ai-lab, server: https://kubernetes.default.svc }
argocd: { repoURL: https://github.com/example/platform.git, targetRevision: main }
mesh: { istio: false }
capacity: { overcommit: 2 }
gpuPools:
  - { name: lab-gpus, capacityTypes: [on-demand], instanceTypes: [g5.12xlarge, g5.48xlarge], gpuLimit: 32 }
models:
  - name: alpha
    engine: vllm
    image: vllm/vllm-openai:v0.11.0
    modelId: example/alpha
    gpusPerReplica: 1
    gpuMemoryGiB: 20
    gpuPool: lab-gpus
    cpu: "4"
    memory: 16Gi
    canary: { image: "vllm/vllm-openai:v0.11.1", weight: 25 }
  - { name: beta, engine: tgi, image: "ghcr.io/huggingface/text-generation-inference:3.3.6", modelId: example/beta, gpusPerReplica: 1, gpuMemoryGiB: 20, gpuPool: lab-gpus, cpu: "4", memory: 16Gi }
  - { name: gamma, engine: vllm, image: "vllm/vllm-openai:v0.11.0", modelId: example/gamma, gpusPerReplica: 1, gpuMemoryGiB: 20, gpuPool: lab-gpus, cpu: "4", memory: 16Gi, embeddingDimension: 1024 }
gateway:
  clients:
    hostname: agents.lab.example.com
    certificateSecret: lab-tls
    loadBalancerScheme: internal
    jwt:
      issuer: https://idp.example.com/lab
      audiences: [lab-clients, lab-cli]
      jwksUrl: https://keys.example.com/lab/jwks.json
      tenantClaim: org
    publicRoutes:
      - { tenant: acme, agent: faq }
  models:
    requestTimeout: 90s
    retries: 3
    fallbacks:
      - model: alpha
        bedrock: { model: "anthropic.claude-3-5-haiku-20241022-v1:0", region: us-east-1 }
`;

const tenant = (name: string, body: string) => `name: ${name}
displayName: ${name}
owners: [ops@${name}.example]
groups:
  operators: [${name}-ops]
environments: [lab]
${body}`;

export const LAB_TENANTS: Record<string, string> = {
  acme: tenant('acme', `models: [alpha, beta]
rateLimits: { requestsPerMinute: 120, tokensPerMinute: 5000 }
agents:
  - { name: support, model: alpha, systemPrompt: help }
  - { name: faq, model: beta, systemPrompt: answer }
  - { name: internal, model: beta, systemPrompt: private }
routes:
  - agent: support
  - agent: faq
`),
  globex: tenant('globex', `models: [gamma]
rateLimits: { requestsPerMinute: 30, tokensPerMinute: 777 }
agents:
  - { name: analyst, model: gamma, systemPrompt: analyse }
routes:
  - agent: analyst
`),
  initech: tenant('initech', 'rateLimits: { requestsPerMinute: 1, tokensPerMinute: 1 }\n'),
};

/** Writes the lab (with `changes` replacing files by relative path) and loads it; the folder is removed. */
export function labInput(changes: Record<string, string | undefined> = {}): PlatformInput {
  const root = mkdtempSync(join(tmpdir(), 'gateway-lab-'));
  try {
    const files: Record<string, string | undefined> = {
      'environments/lab.yaml': LAB_ENV,
      ...Object.fromEntries(Object.entries(LAB_TENANTS).map(([n, t]) => [`tenants/${n}.yaml`, t])),
      ...changes,
    };
    mkdirSync(join(root, 'environments'));
    mkdirSync(join(root, 'tenants'));
    for (const [rel, text] of Object.entries(files)) if (text !== undefined) writeFileSync(join(root, rel), text);
    return loadInput(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
