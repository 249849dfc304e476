import { randomBytes } from 'node:crypto';
import type { CheckContext } from '../../../src/checks/define';
import type { FixtureUser, FixtureWorld } from '../../../src/fixtures/types';

/** Who the journeys act as: the run's fixture world (seeded, namespaced) and tokens for its users. */
export function worldOf(ctx: CheckContext): FixtureWorld {
  if (!ctx.fixtures) throw new Error('the journeys need the fixture world, but none was seeded');
  return ctx.fixtures;
}

export function tokenFor(ctx: CheckContext, user: FixtureUser): Promise<string> {
  return ctx.target.auth.accessToken({ profileId: user.profileId, role: user.role, tenantId: user.tenantId, email: user.email, password: user.password });
}

/** A new person's registration data, namespaced by run and region so fixture cleanup finds it. */
export function newPerson(ctx: CheckContext, label: string) {
  const tag = `${ctx.runId}-${ctx.region.name}-${label}-${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return {
    email: `gxv-${tag}@journeys.gxv.test`,
    password: `Jrny-${randomBytes(9).toString('base64url')}`,
    firstName: 'Journey',
    lastName: label,
  };
}
