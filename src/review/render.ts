import type { FieldChange } from './object-diff.js';
import { RISK_TITLES, type EnvironmentImpact, type Risk, type RiskCategory } from './impact.js';

/** The whole report: every environment's impact between two revisions. */
export interface ImpactReport {
  readonly base: string;
  readonly head: string;
  readonly environments: readonly EnvironmentImpact[];
  /** Vendored Helm chart values files added, changed or removed (chart upgrades), e.g. "added vendor/helm-values/keda/2.22.0/values.yaml". */
  readonly chartValues?: readonly string[];
}

/** Whether the report holds a risk: the diff command's exit code 4. */
export const riskCount = (r: ImpactReport) => r.environments.reduce((n, e) => n + e.risks.length, 0) + (r.chartValues?.length ?? 0);

/** Marker of the pull-request comment, so CI updates its own comment instead of adding one per push. */
export const COMMENT_MARKER = '<!-- agentic-platform-gitops:diff -->';

const MAX_FIELDS = 20;

const value = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));
const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s);
const field = (f: FieldChange) =>
  f.before === undefined ? `${f.path}: added ${clip(value(f.after))}` : f.after === undefined ? `${f.path}: removed (was ${clip(value(f.before))})` : `${f.path}: ${clip(value(f.before))} → ${clip(value(f.after))}`;

function byCategory(risks: readonly Risk[]): [RiskCategory, Risk[]][] {
  return (Object.keys(RISK_TITLES) as RiskCategory[]).map((c) => [c, risks.filter((r) => r.category === c)] as [RiskCategory, Risk[]]).filter(([, r]) => r.length > 0);
}

const counts = (a: { added: number; changed: number; removed: number }) => `+${a.added} ~${a.changed} -${a.removed}`;

/** Markdown for a pull-request comment: risk summary first, then per environment and Application. */
export function renderMarkdown(r: ImpactReport): string {
  const md = (s: string) => s.replace(/([|*_`<>])/g, '\\$1');
  const lines = [COMMENT_MARKER, `## Impact of this change on the clusters`, '', `Base: \`${r.base}\`; head: ${r.head}.`, ''];
  const risky = riskCount(r);
  const changed = r.environments.filter((e) => e.status !== 'unchanged');
  if (r.chartValues?.length) lines.push('**Vendored Helm chart values (chart upgrades):**', '', ...r.chartValues.map((c) => `- **${c.replace(/_/g, '\\_')}**`), '');
  if (changed.length === 0) return [...lines, 'No manifest changes in any environment.'].join('\n');
  lines.push(risky > 0 ? `**${risky} item(s) need a reviewer's attention** (new paths and grants in bold).` : 'Nothing risky: no cluster-scoped, RBAC, quota, network, tenant, project, version or prune changes.', '');
  lines.push('### Risk summary', '');
  for (const env of changed) {
    if (env.risks.length === 0) continue;
    lines.push(`#### ${env.environment}`, '');
    for (const [category, risks] of byCategory(env.risks)) {
      lines.push(`- ${RISK_TITLES[category]}`);
      for (const risk of risks) lines.push(`  - ${risk.widening ? `**${md(risk.message)}**` : md(risk.message)}`);
    }
    lines.push('');
  }
  lines.push('### Changes per Argo CD Application', '');
  for (const env of changed) {
    lines.push(`#### ${env.environment}${env.status === 'added' ? ' (new environment)' : env.status === 'removed' ? ' (environment removed)' : ''}`, '');
    lines.push('| Application | added | changed | removed |', '|---|---|---|---|');
    for (const a of env.applications) lines.push(`| \`${a.application}\` | ${a.added} | ${a.changed} | ${a.removed} |`);
    lines.push('');
    for (const a of env.applications) {
      lines.push(`<details><summary><code>${a.application}</code> (${counts(a)})</summary>`, '');
      for (const o of a.objects) {
        const id = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
        lines.push(`- ${o.change} \`${id}\``);
        for (const f of (o.fields ?? []).slice(0, MAX_FIELDS)) lines.push(`  - \`${field(f).replace(/`/g, "'")}\``);
        if ((o.fields?.length ?? 0) > MAX_FIELDS) lines.push(`  - … ${o.fields!.length - MAX_FIELDS} more field(s)`);
      }
      lines.push('', '</details>', '');
    }
  }
  const text = lines.join('\n').trimEnd();
  if (text.length <= COMMENT_LIMIT) return text;
  // A pull-request comment holds 65,536 characters: keep the summary, cut the details.
  const cut = text.slice(0, COMMENT_LIMIT);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}\n\n… report cut at ${COMMENT_LIMIT} characters: run \`npm run diff -- --base <ref>\` for all of it.`;
}

/** Most characters of the Markdown report (GitHub's comment limit is 65,536). */
export const COMMENT_LIMIT = 60000;

/** Plain text for a terminal. */
export function renderText(r: ImpactReport): string {
  const lines = [`diff: base ${r.base} -> head ${r.head}`];
  const changed = r.environments.filter((e) => e.status !== 'unchanged');
  for (const c of r.chartValues ?? []) lines.push(`! chart values: ${c}`);
  if (changed.length === 0) return [...lines, 'no manifest changes'].join('\n');
  lines.push(`risks: ${riskCount(r)}`);
  for (const env of changed) {
    if (env.risks.length === 0) continue;
    lines.push('', `RISKS ${env.environment}`);
    for (const [category, risks] of byCategory(env.risks)) {
      lines.push(`  ${RISK_TITLES[category]}`);
      for (const risk of risks) lines.push(`    ${risk.widening ? '! ' : '  '}${risk.message}`);
    }
  }
  for (const env of changed) {
    lines.push('', `CHANGES ${env.environment} (${env.status})`);
    for (const a of env.applications) {
      lines.push(`  ${a.application}  ${counts(a)}`);
      for (const o of a.objects) {
        lines.push(`    ${o.change === 'added' ? '+' : o.change === 'removed' ? '-' : '~'} ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`);
        for (const f of (o.fields ?? []).slice(0, MAX_FIELDS)) lines.push(`        ${field(f)}`);
        if ((o.fields?.length ?? 0) > MAX_FIELDS) lines.push(`        ... ${o.fields!.length - MAX_FIELDS} more field(s)`);
      }
    }
  }
  return lines.join('\n');
}

/** JSON for tools: the report as data, plus the risk count. */
export function renderJson(r: ImpactReport): string {
  return JSON.stringify({ ...r, risks: riskCount(r) }, null, 2);
}
