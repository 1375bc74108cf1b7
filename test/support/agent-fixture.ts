import { LAB_TENANTS } from './gateway-fixture.js';

/**
 * A tenant of the gateway lab that the agent-layer tests own: a support agent with a retrieval tool, an API tool
 * whose create_ticket call needs approval and a second knowledge base searched directly; an analyst with a code tool.
 */
export const UMBRELLA = `name: umbrella
displayName: umbrella
owners: [ops@umbrella.example]
groups:
  operators: [umbrella-ops]
environments: [lab]
models: [alpha, gamma]
agents:
  - name: support
    model: alpha
    systemPrompt: help
    tools: [search-docs, tickets]
    knowledgeBases: [faq]
    minReplicas: 2
    maxReplicas: 6
    targetCpuUtilization: 60
    skills:
      - { id: answer, name: Answer, examples: [Where is my order?] }
  - name: analyst
    model: gamma
    systemPrompt: analyse
    tools: [python]
tools:
  - { name: search-docs, type: retrieval, knowledgeBase: docs }
  - name: tickets
    url: http://tickets.tenant-umbrella.svc.cluster.local:8080/mcp
    headersFromSecret: tickets-token
    toolNames: [search_tickets, create_ticket]
    requireApproval: [create_ticket]
  - { name: python, type: code }
knowledgeBases:
  - { name: docs, collection: docs, embeddingModel: gamma, topK: 8 }
  - { name: faq, collection: faq, embeddingModel: gamma }
`;

/** The lab's files with umbrella added (text replaced by `edit` first). */
export function withUmbrella(edit: (text: string) => string = (t) => t): Record<string, string> {
  return { 'tenants/umbrella.yaml': edit(UMBRELLA) };
}

/** Replaces `from` by `to` in `text`, and fails when `from` is not there (a stale test). */
export function replaced(from: string, to: string): (text: string) => string {
  return (text) => {
    if (!text.includes(from)) throw new Error(`fixture: "${from}" not found`);
    return text.replace(from, to);
  };
}

export { LAB_TENANTS };
