/**
 * The Milvus bootstrap: per tenant a database, a role with privileges on that database only, a user bound to it, and
 * the tenant's knowledge-base collections with the design's schema and index. Rendered as a POSIX shell script that
 * only calls Milvus' REST API (v2) with curl, so its image installs nothing at run time. Every step checks before it
 * creates, and grants are idempotent in Milvus: the Job is safe to re-run, and runs on every sync.
 */
import type { Environment } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import { MILVUS_ADDRESS } from '../lib/platform-services.js';
import { tenantMilvusAccess } from './access.js';

/** HNSW over cosine similarity with the design's parameters (milvus-vector-database.md). */
export const KNOWLEDGE_BASE_INDEX = { indexType: 'HNSW', metricType: 'COSINE', M: 16, efConstruction: 256 } as const;

/** Where the Job mounts the root password (`password`) and the tenants' passwords (one file per tenant). */
export const BOOTSTRAP_SECRET_PATHS = { root: '/secrets/root/password', tenants: '/secrets/tenants' } as const;

/** The body of Milvus' REST `collections/create` for one knowledge base: the design's fields, tenant_id, the index. */
export function knowledgeBaseCollection(database: string, collection: string, dimension: number) {
  return {
    dbName: database,
    collectionName: collection,
    schema: {
      autoId: true,
      enableDynamicField: false,
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'content', dataType: 'VarChar', elementTypeParams: { max_length: 65535 } },
        { fieldName: 'embedding', dataType: 'FloatVector', elementTypeParams: { dim: dimension } },
        { fieldName: 'metadata', dataType: 'JSON' },
        { fieldName: 'tenant_id', dataType: 'VarChar', elementTypeParams: { max_length: 63 } },
      ],
    },
    indexParams: [
      {
        fieldName: 'embedding',
        indexName: 'embedding_hnsw',
        metricType: KNOWLEDGE_BASE_INDEX.metricType,
        params: { index_type: KNOWLEDGE_BASE_INDEX.indexType, M: KNOWLEDGE_BASE_INDEX.M, efConstruction: KNOWLEDGE_BASE_INDEX.efConstruction },
      },
    ],
  };
}

/** The dimension of a knowledge base's embedding model, from the environment's catalog. */
export function embeddingDimension(env: Environment, tenant: Pick<Tenant, 'name'>, model: string): number {
  const dim = env.models.find((m) => m.name === model)?.embeddingDimension;
  if (dim === undefined) {
    throw new Error(
      `tenants/${tenant.name}.yaml: knowledge base embedding model "${model}" has no embeddingDimension in environments/${env.name}.yaml; set models[].embeddingDimension of "${model}"`,
    );
  }
  return dim;
}

/** One step of the bootstrap, as the script runs it. */
export type BootstrapStep =
  | { readonly op: 'database'; readonly name: string }
  | { readonly op: 'role'; readonly name: string }
  | { readonly op: 'grant'; readonly role: string; readonly privilege: string; readonly dbName: string; readonly collectionName: string }
  | { readonly op: 'user'; readonly name: string; readonly tenant: string }
  | { readonly op: 'bind'; readonly user: string; readonly role: string }
  | { readonly op: 'collection'; readonly dbName: string; readonly name: string; readonly body: unknown };

/** What the bootstrap reads of a tenant: its name, and of its knowledge bases the collection and embedding model. */
export interface BootstrapTenant {
  readonly name: string;
  readonly knowledgeBases: readonly Pick<Tenant['knowledgeBases'][number], 'collection' | 'embeddingModel'>[];
}

/** The bootstrap's view of an environment's tenants (only what it reads), in the order given. */
export function bootstrapTenants(tenants: readonly Tenant[]): BootstrapTenant[] {
  return tenants.map((t) => ({ name: t.name, knowledgeBases: t.knowledgeBases.map(({ collection, embeddingModel }) => ({ collection, embeddingModel })) }));
}

/** The steps for the tenants of an environment, sorted by tenant. */
export function bootstrapSteps(env: Environment, tenants: readonly BootstrapTenant[]): BootstrapStep[] {
  return [...tenants]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((t): BootstrapStep[] => {
      const access = tenantMilvusAccess(t.name);
      return [
        { op: 'database', name: access.database },
        { op: 'role', name: access.role },
        ...access.grants.map((g): BootstrapStep => ({ op: 'grant', role: access.role, ...g })),
        { op: 'user', name: access.user, tenant: t.name },
        { op: 'bind', user: access.user, role: access.role },
        ...t.knowledgeBases.map((kb): BootstrapStep => ({
          op: 'collection',
          dbName: access.database,
          name: kb.collection,
          body: knowledgeBaseCollection(access.database, kb.collection, embeddingDimension(env, t, kb.embeddingModel)),
        })),
      ];
    });
}

/** Single-quoted for sh: names are [A-Za-z0-9_-] and bodies are JSON without single quotes. */
function q(value: string): string {
  if (value.includes("'")) throw new Error(`internal: ${value} cannot be single-quoted`);
  return `'${value}'`;
}

function line(step: BootstrapStep): string {
  switch (step.op) {
    case 'database':
      return `ensure_database ${q(step.name)}`;
    case 'role':
      return `ensure_role ${q(step.name)}`;
    case 'grant':
      return `grant ${q(JSON.stringify({ roleName: step.role, privilege: step.privilege, dbName: step.dbName, collectionName: step.collectionName }))}`;
    case 'user':
      return `ensure_user ${q(step.name)} ${q(`${BOOTSTRAP_SECRET_PATHS.tenants}/${step.tenant}`)}`;
    case 'bind':
      return `bind ${q(JSON.stringify({ userName: step.user, roleName: step.role }))}`;
    case 'collection':
      return `ensure_collection ${q(step.dbName)} ${q(step.name)} ${q(JSON.stringify(step.body))}`;
  }
}

/** The functions every bootstrap script starts with. */
const PRELUDE = String.raw`#!/bin/sh
# Generated by the platform repository (src/data/milvus-bootstrap.ts). Idempotent: safe to re-run.
set -eu
M="http://${MILVUS_ADDRESS}"
ROOT_PW="$(cat ${BOOTSTRAP_SECRET_PATHS.root})"
esc() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
call() { curl -sS --max-time 60 -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -X POST "$M/v2/vectordb/$2" -d "$3"; }
ok() { case "$1" in *'"code":0'*) return 0 ;; *) return 1 ;; esac; }
must() { r="$(call "root:$ROOT_PW" "$1" "$2")"; ok "$r" || { echo "milvus $1 failed: $r" >&2; exit 1; }; printf '%s' "$r"; }
has() { case "$1" in *"\"$2\""*) return 0 ;; *) return 1 ;; esac; }
# First run: Milvus starts with root's default password; replace it with the one from Secrets Manager.
if ! ok "$(call "root:$ROOT_PW" databases/list '{}')"; then
  must_default="$(call 'root:Milvus' users/update_password "{\"userName\":\"root\",\"password\":\"Milvus\",\"newPassword\":\"$(esc "$ROOT_PW")\"}")"
  ok "$must_default" || { echo "cannot log in as root: $must_default" >&2; exit 1; }
fi
ensure_database() { has "$(must databases/list '{}')" "$1" || must databases/create "{\"dbName\":\"$1\"}" >/dev/null; echo "database $1"; }
ensure_role() { has "$(must roles/list '{}')" "$1" || must roles/create "{\"roleName\":\"$1\"}" >/dev/null; echo "role $1"; }
grant() { must roles/grant_privilege_v2 "$1" >/dev/null; echo "grant $1"; }
ensure_user() {
  has "$(must users/list '{}')" "$1" || must users/create "{\"userName\":\"$1\",\"password\":\"$(esc "$(cat "$2")")\"}" >/dev/null
  echo "user $1"
}
bind() { must users/grant_role "$1" >/dev/null; echo "bind $1"; }
ensure_collection() {
  case "$(must collections/has "{\"dbName\":\"$1\",\"collectionName\":\"$2\"}")" in
    *'"has":true'*) ;;
    *) must collections/create "$3" >/dev/null ;;
  esac
  must collections/load "{\"dbName\":\"$1\",\"collectionName\":\"$2\"}" >/dev/null
  echo "collection $1.$2"
}
`;

/** The whole script. */
export function bootstrapScript(steps: readonly BootstrapStep[]): string {
  return [PRELUDE, ...steps.map(line), 'echo "milvus bootstrap done"', ''].join('\n');
}
