import { describe, expect, it } from 'vitest';
import { InputErrors, formatInputError } from '../../src/config/input-error.js';
import { labInput } from '../support/gateway-fixture.js';
import { LAB_TENANTS, replaced, withUmbrella } from '../support/agent-fixture.js';

/** The errors loading the lab with tenant umbrella (edited by `edit`, and other files replaced by `more`) gives. */
function errorsOf(edit?: (t: string) => string, more: Record<string, string> = {}): string[] {
  try {
    labInput({ ...withUmbrella(edit), ...more });
    return [];
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    return e.errors.map(formatInputError);
  }
}

describe('agent layer inputs', () => {
  it('accepts the agent lab tenant as it is', () => {
    expect(errorsOf()).toEqual([]);
  });

  it.each([
    ['an agent model outside the tenant\'s models', replaced('model: alpha\n    systemPrompt: help', 'model: beta\n    systemPrompt: help'),
      'tenants/umbrella.yaml:10:12 agents[0].model: model "beta" is not in this tenant\'s models (alpha, gamma); add it to models'],
    ['an agent tool the tenant does not declare', replaced('tools: [search-docs, tickets]', 'tools: [search-docs, tickets, crm]'),
      'tenants/umbrella.yaml:12:35 agents[0].tools[2]: no tool "crm" in this tenant (tools: search-docs, tickets, python); declare it under tools'],
    ['an agent knowledge base the tenant does not declare', replaced('knowledgeBases: [faq]', 'knowledgeBases: [faq, manuals]'),
      'tenants/umbrella.yaml:13:27 agents[0].knowledgeBases[1]: no knowledge base "manuals" in this tenant (knowledge bases: docs, faq); declare it under knowledgeBases'],
    ['a retrieval tool over an unknown knowledge base', replaced('knowledgeBase: docs }', 'knowledgeBase: wiki }'),
      'tenants/umbrella.yaml:24:58 tools[0].knowledgeBase: no knowledge base "wiki" in this tenant (knowledge bases: docs, faq); declare it under knowledgeBases'],
    ['a retrieval tool without a knowledge base', replaced('  - { name: search-docs, type: retrieval, knowledgeBase: docs }', '  - { name: search-docs, type: retrieval }'),
      'tenants/umbrella.yaml:24:5 tools[0]: tool "search-docs" of type retrieval needs knowledgeBase: one of this tenant\'s knowledge bases (docs, faq)'],
    ['an api tool without a url', replaced('    url: http://tickets.tenant-umbrella.svc.cluster.local:8080/mcp\n', ''),
      'tenants/umbrella.yaml:25:5 tools[1]: tool "tickets" of type api needs url: the address of its MCP server'],
    ['a url on a code tool', replaced('  - { name: python, type: code }', '  - { name: python, type: code, url: "http://x.example/mcp" }'),
      'tenants/umbrella.yaml:30:38 tools[2].url: only applies to tools of type api (this one is "code"); remove it or change type'],
    ['approval on a tool the agent does not name', replaced('requireApproval: [create_ticket]', 'requireApproval: [close_ticket]'),
      'tenants/umbrella.yaml:29:23 tools[1].requireApproval[0]: "close_ticket" is not in this tool\'s toolNames (search_tickets, create_ticket); list it under toolNames, approval applies only to named tools'],
    ['a knowledge base whose embedding model the tenant may not call', replaced('embeddingModel: gamma, topK: 8', 'embeddingModel: beta, topK: 8'),
      'tenants/umbrella.yaml:32:53 knowledgeBases[0].embeddingModel: model "beta" is not in this tenant\'s models (alpha, gamma); add it to models'],
    ['a tool named like an agent', replaced('  - { name: python, type: code }', '  - { name: analyst, type: code }'),
      'tenants/umbrella.yaml:30:13 tools[2].name: "analyst" is already the name of agent "analyst"; agents, tools and knowledge base search servers (kb-<name>) share the namespace\'s Service names, rename one'],
    ['a tool named like a knowledge base\'s search server', replaced('  - { name: python, type: code }', '  - { name: kb-faq, type: code }'),
      'tenants/umbrella.yaml:33:13 knowledgeBases[1].name: "kb-faq" is already the name of tool "kb-faq"; agents, tools and knowledge base search servers (kb-<name>) share the namespace\'s Service names, rename one'],
    ['two knowledge bases of one name', replaced('  - { name: faq, collection: faq', '  - { name: docs, collection: faq'),
      'tenants/umbrella.yaml:33:13 knowledgeBases[1].name: knowledge base "docs" is already declared at knowledgeBases[0]; names must be unique'],
    ['more minimum than maximum replicas', replaced('minReplicas: 2\n    maxReplicas: 6', 'minReplicas: 7\n    maxReplicas: 6'),
      'tenants/umbrella.yaml:14:18 agents[0].minReplicas: must be <= maxReplicas (7 > 6); lower minReplicas or raise maxReplicas'],
  ])('fails on %s, naming the file and line', (_why, edit, expected) => {
    expect(errorsOf(edit)).toContain(expected);
  });

  it('reports a duplicate knowledge base once, not again as a Service name clash', () => {
    const errors = errorsOf(replaced('  - { name: faq, collection: faq', '  - { name: docs, collection: faq'));
    expect(errors.filter((e) => e.includes('knowledgeBases[1].name'))).toHaveLength(1);
  });

  it('fails when one tenant names another tenant\'s tool: tools resolve only inside their own tenant', () => {
    // globex names umbrella's "tickets"; the reference is checked against globex's own tools, which have none.
    const globex = LAB_TENANTS.globex.replace('systemPrompt: analyse }', 'systemPrompt: analyse, tools: [tickets] }');
    expect(errorsOf(undefined, { 'tenants/globex.yaml': globex })).toContain(
      'tenants/globex.yaml:10:67 agents[0].tools[0]: no tool "tickets" in this tenant (tools: none); declare it under tools',
    );
  });

  it('fails on a tool type the platform does not know, listing the ones it does', () => {
    const errors = errorsOf(replaced('{ name: python, type: code }', '{ name: python, type: human }'));
    expect(errors.join('\n')).toMatch(/tenants\/umbrella\.yaml:30:\d+ tools\[2\]\.type: .*api.*retrieval.*code/);
  });
});
