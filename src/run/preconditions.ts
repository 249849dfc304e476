import type { Need } from '../checks/define';
import type { FixtureWorld } from '../fixtures/types';
import type { RegionTarget, Target } from '../profile/target';

/**
 * Preconditions wrap checks: a need the profile does not meet turns the check into `skipped`
 * with a reason that names the profile field, so the check body holds only its assertion.
 */
export function unmetNeed(need: Need, target: Target, region: RegionTarget, fixtures: FixtureWorld | null): string | null {
  switch (need) {
    case 'writes':
      return target.allowWrites ? null : 'Needs writes: the profile sets `allowWrites: false` (commands are not sent).';
    case 'database':
      return target.database ? null : 'Needs database access: the profile has no `database` section.';
    case 'fixtures':
      if (fixtures) return null;
      if (!target.database) return 'Needs seeded fixtures: the profile has no `database` section to seed them into.';
      if (!target.allowWrites) return 'Needs seeded fixtures: the profile sets `allowWrites: false`, so nothing is seeded.';
      return 'Needs seeded fixtures: fixture seeding did not run for this target.';
    case 'signingSecret':
      return target.auth.secret
        ? null
        : `Needs the token signing secret: the profile uses \`auth.mode: ${target.auth.mode}\` without \`auth.secret\`.`;
    case 'fabric':
      return target.fabric ? null : 'Needs the Fabric gateway: the profile has no `fabric` section.';
    case 'kubernetes':
      // Which part of the section a check uses (manifests, cluster access, probe pods) it says itself.
      return target.kubernetes ? null : 'Needs the profile\'s `kubernetes` section (manifests folder and/or cluster access): the profile has none.';
    case 'load':
      return target.allowLoad ? null : 'Needs load permission: the profile sets `allowLoad: false`.';
    case 'edge':
      return region.edgeUrl
        ? null
        : `Needs an edge: region "${region.name}" is reached without one (set \`regions[].baseUrl\`, not \`services\`).`;
    case 'monitoring':
      return target.monitoring ? null : 'Needs the deployment\'s monitoring: the profile has no `monitoring` section.';
    case 'sandbox':
      return target.sandboxControl
        ? null
        : 'Needs a gx-verify sandbox control endpoint: the target is not the sandbox (profile `sandbox`).';
  }
}

export function unmetNeeds(needs: readonly Need[] | undefined, target: Target, region: RegionTarget, fixtures: FixtureWorld | null): string | null {
  const reasons = (needs ?? []).map((n) => unmetNeed(n, target, region, fixtures)).filter((r): r is string => r !== null);
  return reasons.length > 0 ? reasons.join(' ') : null;
}
