import type { Loaded } from './cross-checks.js';
import type { InputError } from './input-error.js';
import type { Tenant } from './schema/tenant.js';
import { knowledgeBaseServerName } from '../agents/kagent-names.js';

/**
 * References of the agent layer inside one tenant file: each tool type has exactly the fields it uses, a retrieval
 * tool names a knowledge base of the tenant, approval names tools the agent may call, and the names that become
 * Services in the tenant namespace (agents, code tools, knowledge base search servers) do not collide.
 * (Agents' models, tools and knowledge bases are checked in cross-checks.ts.)
 */
export function agentChecks(tenants: readonly Loaded<Tenant>[]): InputError[] {
  const errors: InputError[] = [];
  for (const { source, value: t } of tenants) {
    const kbs = t.knowledgeBases.map((k) => k.name);
    t.tools.forEach((tool, i) => {
      const at = (field: string) => ['tools', i, field];
      const allowed: Record<typeof tool.type, readonly string[]> = {
        api: ['url', 'headersFromSecret'],
        retrieval: ['knowledgeBase'],
        code: [],
      };
      for (const field of ['url', 'headersFromSecret', 'knowledgeBase'] as const) {
        if (tool[field] !== undefined && !allowed[tool.type].includes(field)) {
          errors.push(source.errorAt(at(field), `only applies to tools of type ${field === 'knowledgeBase' ? 'retrieval' : 'api'} (this one is "${tool.type}"); remove it or change type`));
        }
      }
      if (tool.type === 'api' && tool.url === undefined) {
        errors.push(source.errorAt(['tools', i], `tool "${tool.name}" of type api needs url: the address of its MCP server`));
      }
      if (tool.type === 'retrieval') {
        if (tool.knowledgeBase === undefined) {
          errors.push(source.errorAt(['tools', i], `tool "${tool.name}" of type retrieval needs knowledgeBase: one of this tenant's knowledge bases (${kbs.join(', ') || 'none'})`));
        } else if (!kbs.includes(tool.knowledgeBase)) {
          errors.push(source.errorAt(at('knowledgeBase'), `no knowledge base "${tool.knowledgeBase}" in this tenant (knowledge bases: ${kbs.join(', ') || 'none'}); declare it under knowledgeBases`));
        }
      }
      // kagent admits approval only on tools the agent lists by name (a CEL rule of the Agent CRD).
      tool.requireApproval.forEach((name, j) => {
        if (!tool.toolNames.includes(name)) {
          errors.push(source.errorAt(['tools', i, 'requireApproval', j], `"${name}" is not in this tool's toolNames (${tool.toolNames.join(', ') || 'none'}); list it under toolNames, approval applies only to named tools`));
        }
      });
    });

    // Agents, code tools and knowledge base servers each get a Service (and Deployment) named after them.
    const owners = new Map<string, string>();
    const claim = (name: string, owner: string, path: (string | number)[]) => {
      const first = owners.get(name);
      if (first === owner) return; // a duplicate name, reported as such in cross-checks.ts
      if (first) errors.push(source.errorAt(path, `"${name}" is already the name of ${first}; agents, tools and knowledge base search servers (kb-<name>) share the namespace's Service names, rename one`));
      else owners.set(name, owner);
    };
    t.agents.forEach((a, i) => claim(a.name, `agent "${a.name}"`, ['agents', i, 'name']));
    t.tools.forEach((x, i) => claim(x.name, `tool "${x.name}"`, ['tools', i, 'name']));
    t.knowledgeBases.forEach((k, i) => claim(knowledgeBaseServerName(k.name), `knowledge base "${k.name}"'s search server`, ['knowledgeBases', i, 'name']));

    t.agents.forEach((a, i) => {
      const seen = new Map<string, number>();
      a.skills.forEach((s, j) => {
        const first = seen.get(s.id);
        if (first !== undefined) errors.push(source.errorAt(['agents', i, 'skills', j, 'id'], `skill "${s.id}" is already declared at agents[${i}].skills[${first}]; ids must be unique`));
        else seen.set(s.id, j);
      });
    });
  }
  return errors;
}
