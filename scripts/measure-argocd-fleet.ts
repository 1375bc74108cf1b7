/**
 * `tsx scripts/measure-argocd-fleet.ts [--tenants 1000]`: what one Argo CD Application per tenant folder costs at
 * fleet scale, measured on a generated fleet (copies of the test fixture's tenant "a", environment dev): the
 * objects and bytes of dist/dev/argocd (what the root Application syncs and diffs), synth time, and the time of
 * the impact report for one more tenant. Numbers for the README's "Argo CD at fleet scale".
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { synthCommand } from '../src/cli/synth-command.js';
import { diffCommand } from '../src/cli/diff-command.js';
import { planEnvironment } from '../src/app.js';

const REPO = process.cwd();
const i = process.argv.indexOf('--tenants');
const n = i > 0 ? Number(process.argv[i + 1]) : 1000;
const template = readFileSync(join(REPO, 'test/fixtures/platform/tenants/a.yaml'), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'fleet-'));
const quiet = { out: () => {}, err: (l: string) => console.error(l) };
try {
  cpSync(join(REPO, 'test/fixtures/platform/environments'), join(root, 'environments'), { recursive: true });
  rmSync(join(root, 'environments/prod.yaml'));
  // As npm run bench does: let the fleet's CPU requests fit the agents layer.
  const envFile = join(root, 'environments/dev.yaml');
  writeFileSync(envFile, readFileSync(envFile, 'utf8').replace(/overcommit: [\d.]+/, 'overcommit: 1000000'));
  // Room for the fleet: small quotas, no GPUs.
  const tenant = (name: string) =>
    template.replace(/^name: a$/m, `name: ${name}`).replace('environments: [dev, prod]', 'environments: [dev]').replace('gpus: 4', 'gpus: 0').replace(/requestsCpu: "20"/, 'requestsCpu: "0.1"').replace(/limitsCpu: "40"/, 'limitsCpu: "0.2"').replace(/requestsMemory: 40Gi/, 'requestsMemory: 128Mi').replace(/limitsMemory: 80Gi/, 'limitsMemory: 256Mi');
  cpSync(join(REPO, 'test/fixtures/platform/tenants'), join(root, 'tenants'), { recursive: true });
  rmSync(join(root, 'tenants/a.yaml'));
  rmSync(join(root, 'tenants/b.yaml'));
  for (let k = 0; k < n; k++) writeFileSync(join(root, `tenants/t${String(k).padStart(5, '0')}.yaml`), tenant(`t${String(k).padStart(5, '0')}`));
  let t = performance.now();
  // The gateway folder is left out: its one AgentgatewayPolicy holds at most 16 tenant rate limits today (a
  // gateway-layer limit, reported apart); the argocd folder still lists its Application.
  const noGateway: typeof planEnvironment = (input, env) => planEnvironment(input, env).filter((p) => p.id !== 'gateway');
  if (synthCommand(root, ['--no-cache'], quiet, noGateway) !== 0) throw new Error('synth failed');
  const synthSeconds = (performance.now() - t) / 1000;
  const dir = join(root, 'dist/dev/argocd');
  const files = readdirSync(dir);
  const bytes = files.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length;
  execFileSync('git', ['-C', root, 'init', '-q', '-b', 'main']);
  execFileSync('git', ['-C', root, 'add', 'environments', 'tenants']);
  execFileSync('git', ['-C', root, '-c', 'user.name=b', '-c', 'user.email=b@example.com', 'commit', '-qm', 'fleet']);
  writeFileSync(join(root, 'tenants/new.yaml'), tenant('new'));
  t = performance.now();
  const lines: string[] = [];
  const synthesize = (r: string, d: string) => ({ ok: synthCommand(r, ['--dist', d, '--no-cache'], quiet, noGateway) === 0, errors: [] });
  const code = diffCommand(root, ['--base', 'main', '--format', 'json'], { out: (l) => lines.push(l), err: () => {} }, synthesize);
  const diffSeconds = (performance.now() - t) / 1000;
  console.log(JSON.stringify({
    tenants: n,
    synthSeconds: Number(synthSeconds.toFixed(1)),
    argocdFolder: { files: files.length, applications: count('Application.'), appProjects: count('AppProject.'), megabytes: Number((bytes / 1e6).toFixed(2)) },
    diffOneMoreTenant: { seconds: Number(diffSeconds.toFixed(1)), exit: code, applications: JSON.parse(lines.join('\n')).environments[0].applications.map((a: { application: string }) => a.application) },
  }, null, 1));
} finally {
  rmSync(root, { recursive: true, force: true });
}
