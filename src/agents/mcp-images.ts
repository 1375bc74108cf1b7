/**
 * Images of the MCP servers the platform deploys into tenant namespaces (kmcp MCPServer). Neither kagent nor Milvus
 * publishes a container image of a streamable-HTTP Milvus search server or of a sandboxed code interpreter, so these
 * are the platform's own images, built from the platform's tooling repository and pinned here. Their contract (the
 * environment variables and mounted Secrets below) is what this repository relies on.
 */
export const MCP_IMAGES = {
  /**
   * Milvus search over one collection. Reads MILVUS_ADDRESS, MILVUS_DATABASE, MILVUS_COLLECTION, TOP_K,
   * EMBEDDING_BASE_URL and EMBEDDING_MODEL from its environment, and its Milvus user and AI gateway key from the
   * mounted Secrets; serves one tool, `search`, on MCP_PORT at MCP_PATH.
   */
  retrieval: 'ghcr.io/agentic-platform/milvus-search-mcp:0.1.0',
  /**
   * A Python interpreter behind MCP: one tool, `run_python`, that runs code in a child process with a CPU-time and
   * memory limit, in a read-only root filesystem with a size-limited /tmp, as a non-root user, with no network
   * (its NetworkPolicy allows no egress, the API server included) and no credentials.
   */
  code: 'ghcr.io/agentic-platform/code-sandbox-mcp:0.1.0',
} as const;
