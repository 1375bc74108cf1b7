/**
 * `npm run bench [-- --tenants 3000]`: synthesizes the prod environment with N generated tenants and compares the
 * time with serializing the very same objects with the yaml package alone (the floor any synth has to pay).
 * Goal: synth within 1.5x of that floor at 3,000 tenants, and linear growth (double tenants, double time).
 * Prints numbers; exits 1 when the goal is missed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { synthesizeEnvironment } from '../src/app.js';
import { loadInput } from '../src/config/load.js';
import { renderFiles } from '../src/synth/render-files.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const tenants = arg('tenants', 3000);

function repoWith(n: number): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-'));
  cpSync('environments', join(root, 'environments'), { recursive: true });
  cpSync('tenants', join(root, 'tenants'), { recursive: true });
  // Capacity is not what is measured: give prod room for every generated tenant.
  const prod = join(root, 'environments/prod.yaml');
  writeFileSync(prod, readFileSync(prod, 'utf8').replace('overcommit: 1.5', 'overcommit: 100000'));
  for (let i = 0; i < n; i++) {
    writeFileSync(join(root, 'tenants', `t${i}.yaml`), `name: t${i}\ndisplayName: T${i}\nowners: [o@t${i}.example]\ngroups: {operators: [t${i}-ops]}\nenvironments: [prod]\nquota: {gpus: 0}\n`);
  }
  return root;
}
function measure(n: number): { synthMs: number; yamlMs: number; objects: number } {
  const root = repoWith(n);
  try {
    const input = loadInput(root);
    const env = input.environments.find((e) => e.name === 'prod')!;
    let t = performance.now();
    const charts = synthesizeEnvironment(input, env);
    const files = renderFiles(charts);
    const synthMs = performance.now() - t;
    const objects = charts.flatMap((c) => c.objects);
    t = performance.now();
    let bytes = 0;
    for (const o of objects) bytes += stringify(o).length;
    const yamlMs = performance.now() - t;
    if (bytes === 0 || files.size !== objects.length) throw new Error('nothing measured');
    return { synthMs, yamlMs, objects: objects.length };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const half = measure(Math.floor(tenants / 2));
const full = measure(tenants);
const ratio = full.synthMs / full.yamlMs;
const growth = full.synthMs / half.synthMs;
console.log(`tenants ${tenants}: ${full.objects} objects; synth ${full.synthMs.toFixed(0)} ms, yaml-only ${full.yamlMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)} (goal <= 1.5)`);
console.log(`growth from ${Math.floor(tenants / 2)} to ${tenants} tenants: x${growth.toFixed(2)} (linear is x2)`);
process.exitCode = ratio <= 1.5 && growth < 3 ? 0 : 1;
