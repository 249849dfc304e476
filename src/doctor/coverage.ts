import { loadChecks } from '../checks/registry';
import { evaluateCriteria } from '../criteria/evaluate';
import { LAYERS, type CheckResult } from '../evidence/types';
import { fixtureIds } from '../fixtures/ids';
import { guardWorld, isFixtureItem } from '../fixtures/items';
import { providedWorld } from '../fixtures/provided';
import type { FixtureWorld } from '../fixtures/types';
import { worldOf } from '../fixtures/world';
import type { Target } from '../profile/target';
import { unmetNeeds } from '../run/preconditions';
import { expand } from '../run/runner';
import type { CoverageDiagnosis, DatabaseDiagnosis } from './types';

/**
 * Which checks this profile lets run and which criteria it can evaluate: every check's
 * preconditions are judged as the runner will (profile sections, the fixture items predicted for
 * this database), without sending anything. Checks may still skip on what they find at run time.
 */

/** The fixture world a run would get: predicted from the schema (seed), or the profile's (provided). */
export function predictedWorld(target: Target, database: DatabaseDiagnosis | null): FixtureWorld | null {
  const f = target.fixtures ?? { mode: 'seed' as const, tenant: [], users: {}, objects: {} };
  if (f.mode === 'none') return null;
  if (f.mode === 'provided') {
    const provided = providedWorld(f, 'gxv-doctor', target.tenantId);
    return guardWorld(provided.world, (i) => provided.unavailable.get(i));
  }
  if (!target.database || !target.allowWrites) return null;
  const failed = new Map(database?.fixtures.filter((i) => i.status === 'failed' && isFixtureItem(i.item)).map((i) => [i.item, `seeding would fail: ${i.detail}`]));
  const unreachable = database && !database.ok ? `seeding would fail: the database is ${database.detail}` : undefined;
  return guardWorld(worldOf(fixtureIds('gxv-doctor'), 'gxv-doctor', target.tenantId, ''), (i) => unreachable ?? failed.get(i));
}

export async function predictCoverage(target: Target, world: FixtureWorld | null): Promise<CoverageDiagnosis> {
  const { checks, missingLayers } = await loadChecks([...LAYERS]);
  const results: CheckResult[] = expand(checks, target.regions).map((x) => {
    const unmet = unmetNeeds(x.def.needs, target, x.region, world, x.def.fixtureItems);
    return {
      id: x.id, layer: x.def.layer, title: x.def.title, criteria: [...x.def.criteria], region: x.perRegion ? x.region.name : null,
      endpoint: x.def.endpoint ?? null, durationMs: 0, measurements: {}, evidence: [],
      status: unmet ? 'skipped' : 'pass', message: unmet ?? 'would run',
    };
  });
  const layers = LAYERS.filter((l) => !missingLayers.includes(l)).map((layer) => {
    const mine = results.filter((r) => r.layer === layer);
    const reasons = new Map<string, string[]>();
    for (const r of mine.filter((x) => x.status === 'skipped')) reasons.set(r.message, [...(reasons.get(r.message) ?? []), r.id]);
    return { layer, total: mine.length, runnable: mine.filter((r) => r.status !== 'skipped').length, skipped: [...reasons].map(([reason, ids]) => ({ reason, checks: ids })) };
  });
  const edgeRegions = target.regions.filter((r) => r.edgeUrl).map((r) => r.name);
  const criteria = evaluateCriteria(results, { regions: target.regions.map((r) => r.name), edgeRegions, waivers: target.waivers })
    .filter((c) => c.status !== 'pass')
    .map((c) => ({ id: c.id, status: c.status, reason: c.reason }));
  return { layers, criteria, missingLayers };
}
