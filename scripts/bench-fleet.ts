/**
 * `npx tsx scripts/bench-fleet.ts <tenants> <folder>`: writes the fleet `npm run bench` measures into <folder> (for
 * profiling one step by hand). The example environments with room for any fleet, and <tenants> tenants shaped like
 * the test fixture's tenant "a" with three agents, present in every environment, with small quotas.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = join(import.meta.dirname, '..');

/** The fixture's tenant "a", with its agent repeated under two more names: the "three agents each". */
function tenantTemplate(): string {
  const base = readFileSync(join(REPO, 'test/fixtures/platform/tenants/a.yaml'), 'utf8');
  const agent = /^agents:\n([\s\S]*?)^(?=\S)/m.exec(base)?.[1];
  if (!agent || !agent.includes('name: support')) throw new Error('the fixture tenant a no longer has its agent "support"; update scripts/bench-fleet.ts');
  return base.replace(agent, agent + agent.replace('name: support', 'name: triage') + agent.replace('name: support', 'name: summarize'));
}

/** Writes the fleet into `root` (emptied first). */
export function writeFleet(n: number, root: string): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(REPO, 'environments'), join(root, 'environments'), { recursive: true });
  // Capacity is not what is measured: the most overcommit the schema allows, and small tenant quotas (below).
  for (const f of readdirSync(join(root, 'environments'))) {
    const path = join(root, 'environments', f);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/overcommit: [\d.]+/, 'overcommit: 100'));
  }
  const envs = readdirSync(join(root, 'environments')).map((f) => f.replace(/\.yaml$/, '')).sort();
  const template = tenantTemplate();
  mkdirSync(join(root, 'tenants'));
  for (let i = 0; i < n; i++) {
    const name = `f${String(i).padStart(5, '0')}`;
    const text = template
      .replace(/^name: .*$/m, `name: ${name}`)
      .replace(/^environments: .*$/m, `environments: [${envs.join(', ')}]`)
      .replace(/requestsCpu: "?\d+"?/, 'requestsCpu: 100m')
      .replace(/requestsMemory: \w+/, 'requestsMemory: 128Mi')
      .replace(/gpus: \d+/, 'gpus: 0');
    writeFileSync(join(root, 'tenants', `${name}.yaml`), text);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [n, root] = [Number(process.argv[2]), process.argv[3]];
  if (!Number.isInteger(n) || n < 0 || !root) {
    console.error('usage: npx tsx scripts/bench-fleet.ts <tenants> <folder>');
    process.exit(2);
  }
  writeFleet(n, root);
}
