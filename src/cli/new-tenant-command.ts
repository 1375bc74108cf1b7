import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from 'yaml';
import { flag, parseArgs, UsageError, type CommandSpec, type Io } from './args.js';
import { tenantNameProblem } from '../config/tenant-name.js';

/**
 * `new-tenant <name> --group <oidc-group> [--gpus N] [--env <env> ...]`: writes tenants/<name>.yaml, a valid,
 * commented starting point. It refuses to overwrite a file; run `npm run synth` afterwards to check and render it.
 */
export const NEW_TENANT: CommandSpec = {
  usage: 'npm run new-tenant -- <name> --group <oidc-group> [--gpus N] [--env <env>]...',
  flags: { group: 'value', gpus: 'value', env: 'values' },
  positionals: 1,
};

export function newTenantCommand(root: string, argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, NEW_TENANT);
  const [name] = args.positional;
  const group = flag(args, 'group');
  if (!name || !group) throw new UsageError(!name ? 'the tenant name is missing' : '--group <oidc-group> is missing', NEW_TENANT.usage);
  const nameProblem = tenantNameProblem(name);
  if (nameProblem) throw new UsageError(nameProblem, NEW_TENANT.usage);
  const gpusText = flag(args, 'gpus', '0')!;
  if (!/^\d+$/.test(gpusText)) throw new UsageError(`--gpus must be a whole number (got ${gpusText})`, NEW_TENANT.usage);
  const file = join(root, 'tenants', `${name}.yaml`);
  if (existsSync(file)) throw new UsageError(`tenants/${name}.yaml already exists; edit it instead`, NEW_TENANT.usage);
  const known = existsSync(join(root, 'environments'))
    ? readdirSync(join(root, 'environments')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort()
    : [];
  const envs = args.flags.get('env') ?? known;
  for (const e of envs) if (!known.includes(e)) throw new UsageError(`no environment "${e}" (environments: ${known.join(', ')})`, NEW_TENANT.usage);

  writeFileSync(file, renderTenant(name, group, Number(gpusText), envs));
  io.out(`new-tenant: wrote tenants/${name}.yaml; edit it, then run npm run synth`);
  return 0;
}

/** The tenant file, with a comment on every field a newcomer has to decide on. */
export function renderTenant(name: string, group: string, gpus: number, environments: readonly string[]): string {
  const doc = new Document({
    name,
    displayName: name,
    owners: [`${name}-owners@example.com`],
    groups: { operators: [group], viewers: [] as string[] },
    environments: [...environments],
    isolation: { level: 'namespace' },
    quota: { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', gpus },
    models: [] as string[],
    rateLimits: { requestsPerMinute: 600, tokensPerMinute: 100000 },
  });
  doc.commentBefore = ` yaml-language-server: $schema=../schemas/tenant.schema.json\n Tenant "${name}": its namespace is tenant-${name}. Check with: npm run synth`;
  const map = doc.contents as unknown as { items: { key: { commentBefore?: string; value: string } }[] };
  const notes: Record<string, string> = {
    displayName: ' Human-readable team name, shown in Argo CD.',
    owners: ' Who to ask about this tenant (e-mail addresses).',
    groups: ' OIDC groups: operators manage agents (agent-operator Role), viewers only read.',
    environments: ' Environments this tenant is deployed to (files in environments/).',
    isolation: ' namespace (shared nodes), node (own tainted NodePool) or cluster (needs isolation.cluster).',
    quota: ' ResourceQuota of the namespace; GPUs count as requests.nvidia.com/gpu.',
    models: ' Catalog models (environments/<env>.yaml, models[].name) the tenant may call.',
    rateLimits: ' Gateway limits for the tenant.',
  };
  for (const item of map.items) if (notes[item.key.value]) item.key.commentBefore = notes[item.key.value];
  return doc.toString({ lineWidth: 0 });
}
