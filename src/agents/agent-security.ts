/**
 * Pod and container security contexts for the agent and MCP server pods kagent creates in tenant namespaces, which
 * enforce Pod Security "restricted": non-root with a fixed UID (the kagent and platform images do not all declare a
 * numeric user), the runtime's default seccomp profile, no privilege escalation, no capabilities.
 */
export const RESTRICTED_POD_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 65532,
  runAsGroup: 65532,
  fsGroup: 65532,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

export const RESTRICTED_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
} as const;

/** The same, with a read-only root filesystem: for the platform's own MCP servers, which write only to /tmp. */
export const READ_ONLY_CONTAINER_SECURITY = { ...RESTRICTED_CONTAINER_SECURITY, readOnlyRootFilesystem: true } as const;

/** Requests and limits of one agent pod (the Python ADK runtime; the model runs elsewhere). */
export const AGENT_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } as const;
/** Requests and limits of one platform MCP server pod. */
export const MCP_SERVER_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } as const;
