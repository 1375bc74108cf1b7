import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { modelFromManifests } from '../analysis/model-from-manifests.js';
import { matrixMarkdown, matrixMermaid, reachabilityMatrix } from '../analysis/matrix.js';
import { readManifests } from '../synth/read-dist.js';
import { flag, parseArgs, UsageError, type CommandSpec, type Io } from './args.js';
import { loadInput } from '../config/load.js';
import { tenantsOf } from '../config/platform-input.js';
import { costMarkdown, costReport } from '../observability/cost.js';

export const REPORT: CommandSpec = {
  usage: 'npm run report -- reachability --env <env> [--format markdown|mermaid] | cost --env <env>',
  flags: { env: 'value', format: 'value', dist: 'value' },
  positionals: 1,
};

/**
 * `report reachability --env <env> [--format markdown|mermaid]`: the namespace x namespace matrix of allowed ports,
 * computed from the manifests in dist/<env> (what Argo CD applies), not from the inputs.
 */
export function reportCommand(root: string, argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, REPORT);
  const [kind] = args.positional;
  if (kind !== 'reachability' && kind !== 'cost') throw new UsageError(kind ? `unknown report "${kind}"` : 'which report?', REPORT.usage);
  const env = flag(args, 'env');
  if (!env) throw new UsageError('--env <env> is required', REPORT.usage);
  if (kind === 'cost') return costCommand(root, env, io);
  const dir = join(root, flag(args, 'dist', 'dist')!, env);
  if (!existsSync(dir)) throw new UsageError(`${dir} does not exist; run npm run synth first`);
  const format = flag(args, 'format', 'markdown');
  const docs = readManifests(dir).map((d) => d.object as never);
  const matrix = reachabilityMatrix(modelFromManifests(docs));
  if (format === 'markdown') io.out(matrixMarkdown(matrix));
  else if (format === 'mermaid') io.out(matrixMermaid(matrix));
  else throw new UsageError(`--format must be markdown or mermaid (got ${format})`, REPORT.usage);
  return 0;
}

/**
 * `report cost --env <env>`: per tenant, the monthly ceiling its quotas allow at the environment's instance prices and
 * its share of the shared capacity; computed from the inputs (environments/, tenants/).
 */
function costCommand(root: string, envName: string, io: Io): number {
  const input = loadInput(root);
  const env = input.environments.find((e) => e.name === envName);
  if (!env) throw new UsageError(`no environment "${envName}" (environments: ${input.environments.map((e) => e.name).join(', ')})`, REPORT.usage);
  io.out(costMarkdown(costReport(env, tenantsOf(input, env))));
  return 0;
}
