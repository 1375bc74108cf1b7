import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILURE_TRIGGERS, notifyOnFailure } from '../../src/argocd/notifications.js';
import { loadInput } from '../../src/config/load.js';
import { readDistObjects } from '../../src/review/revisions.js';
import { REPO } from '../support/repo.js';

// Invariants over the repository's own environments, tenants and committed dist/ (no names or counts assumed).
const input = loadInput(REPO);
const dist = readDistObjects(join(REPO, 'dist'));

interface Role {
  name: string;
  groups: string[];
  policies: string[];
}

describe('Argo CD RBAC and notifications from the tenant files', () => {
  for (const env of input.environments) {
    const argocd = (dist.get(env.name) ?? []).filter((d) => d.folder === 'argocd').map((d) => d.object as unknown as { kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Record<string, unknown> });

    it(`${env.name}: each tenant's AppProject maps exactly its OIDC groups to roles that see and sync its own applications only`, () => {
      for (const tenant of input.tenants.filter((t) => t.environments.includes(env.name))) {
        const name = `${env.name}-tenant-${tenant.name}`;
        const project = argocd.find((o) => o.kind === 'AppProject' && o.metadata.name === name)!;
        expect(project, name).toBeDefined();
        const roles = project.spec.roles as Role[];
        expect(roles.find((r) => r.name === 'operators')!.groups).toEqual(tenant.groups.operators);
        expect(roles.flatMap((r) => r.groups).sort()).toEqual([...tenant.groups.operators, ...tenant.groups.viewers].sort());
        for (const role of roles) {
          for (const policy of role.policies) {
            const [kind, subject, resource, action, object, effect] = policy.split(', ');
            expect({ kind, subject, object, effect }, policy).toEqual({ kind: 'p', subject: `proj:${name}:${role.name}`, object: `${name}/*`, effect: 'allow' });
            expect(['applications', 'logs']).toContain(resource);
            expect(['get', 'sync', 'action/*']).toContain(action);
          }
        }
        expect(project.metadata.annotations).toMatchObject(notifyOnFailure(tenant.owners));
      }
    });

    it(`${env.name}: a tenant's Applications notify its owners on failed or degraded syncs; platform Applications carry no tenant label`, () => {
      for (const app of argocd.filter((o) => o.kind === 'Application')) {
        const tenantName = app.metadata.labels?.['platform.agentic.io/tenant'];
        const subscriptions = Object.keys(app.metadata.annotations ?? {}).filter((k) => k.startsWith('notifications.argoproj.io/'));
        if (tenantName) {
          const tenant = input.tenants.find((t) => t.name === tenantName)!;
          expect(app.metadata.annotations).toMatchObject(notifyOnFailure(tenant.owners));
          expect(subscriptions).toHaveLength(FAILURE_TRIGGERS.length);
        } else {
          // Reached by the platform team's default subscription (selector: no tenant label).
          expect(subscriptions, app.metadata.name).toEqual([]);
        }
      }
    });
  }

  it('notification annotations are sorted, ;-separated e-mail recipients per trigger', () => {
    expect(notifyOnFailure(['b@x.example', 'a@x.example'])).toEqual({
      'notifications.argoproj.io/subscribe.on-sync-failed.email': 'a@x.example;b@x.example',
      'notifications.argoproj.io/subscribe.on-health-degraded.email': 'a@x.example;b@x.example',
    });
  });
});
