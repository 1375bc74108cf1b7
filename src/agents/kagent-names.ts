/**
 * Names and API versions of the agent layer (kagent v0.9.12), shared by the add-on, the tenant constructs, the
 * input checks and the tests.
 */
import { PLATFORM_NAMESPACE } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';

export const KAGENT_API = 'kagent.dev';
/** Agent, ModelConfig, RemoteMCPServer (storage version in kagent 0.9.12). */
export const KAGENT_V1ALPHA2 = `${KAGENT_API}/v1alpha2`;
/** MCPServer, from kmcp (kagent-crds pulls kmcp-crds). */
export const KMCP_V1ALPHA1 = `${KAGENT_API}/v1alpha1`;

/** The kagent controller, its UI and its own ModelConfig run in the design's agents namespace. */
export const KAGENT_NAMESPACE = PLATFORM_NAMESPACE.agents;

/** Port of every agent pod and Service kagent creates (the controller's default; the client gateway routes to it). */
export const AGENT_PORT = PORTS.agentA2a;
/** Port the platform's MCP servers (retrieval, code) listen on: the same as the agents', so one flow covers both. */
export const MCP_SERVER_PORT = PORTS.agentA2a;
/** Path the platform's MCP servers serve streamable HTTP on. */
export const MCP_SERVER_PATH = '/mcp';

/** kagent names an agent's Deployment, Service and pods' app.kubernetes.io/name after the Agent. */
export const AGENT_NAME_LABEL = 'app.kubernetes.io/name';

/** The ModelConfig of one catalog model in a tenant namespace. */
export function modelConfigName(model: string): string {
  return `model-${model}`;
}

/** The MCPServer that searches one knowledge base (a Deployment and Service of that name). */
export function knowledgeBaseServerName(knowledgeBase: string): string {
  return `kb-${knowledgeBase}`;
}
