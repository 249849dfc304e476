import type { Need } from '../checks/define';
import { describeMissing, missingItems, type FixtureItem } from '../fixtures/items';
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
      return fixtures ? null : noFixtures(target);
    case 'signingSecret':
      return target.auth.secret
        ? null
        : `Needs the token signing secret: the profile uses \`auth.mode: ${target.auth.mode}\` without \`auth.secret\`.`;
    case 'fabric':
      return target.fabric ? null : 'Needs the Fabric gateway: the profile has no `fabric` section.';
    case 'ledger':
      return ledgerPath(target);
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

/** Why a run has no fixture world at all. */
function noFixtures(target: Target): string {
  const mode = target.fixtures?.mode ?? 'seed';
  if (mode === 'none') return 'Needs fixtures: the profile sets `fixtures.mode: none`.';
  const provide = ' (or name existing accounts and objects: `fixtures.mode: provided`)';
  if (!target.database) return `Needs seeded fixtures: the profile has no \`database\` section to seed them into${provide}.`;
  if (!target.allowWrites) return `Needs seeded fixtures: the profile sets \`allowWrites: false\`, so nothing is seeded${provide}.`;
  return 'Needs fixtures: no fixture world was prepared for this run.';
}

/**
 * A command only round-trips where something drains the outbox into the ledger: the profile shows
 * it (a `fabric` section to confirm commits and a `workers` section with the workers' URLs), or
 * declares `workers: external` (workers out of sight; the outbox table is checked when the check runs).
 */
function ledgerPath(target: Target): string | null {
  if (target.workersExternal) return null;
  if (target.fabric && target.workers) return null;
  const missing = [!target.fabric && 'no `fabric` section', !target.workers && 'no `workers` section'].filter(Boolean).join(' and ');
  return `Needs the ledger write path: the profile has ${missing}, so nothing shows that commands reach a ledger `
    + '(declare `workers: external` when the deployment runs its workers out of sight of gx-verify).';
}

export function unmetNeeds(
  needs: readonly Need[] | undefined, target: Target, region: RegionTarget, fixtures: FixtureWorld | null,
  items: readonly FixtureItem[] = [],
): string | null {
  const all = items.length > 0 && !needs?.includes('fixtures') ? [...(needs ?? []), 'fixtures' as const] : needs ?? [];
  const unmet = all.filter((n) => unmetNeed(n, target, region, fixtures) !== null);
  // The ledger reason already names a missing `fabric` section: one sentence, not two.
  const shown = unmet.includes('ledger') ? unmet.filter((n) => n !== 'fabric') : unmet;
  const reasons = shown.map((n) => unmetNeed(n, target, region, fixtures)!);
  if (reasons.length === 0 && fixtures && items.length > 0) {
    const missing = missingItems(fixtures, items);
    if (missing.length > 0) reasons.push(`${describeMissing(missing)}.`);
  }
  return reasons.length > 0 ? reasons.join(' ') : null;
}
