import { CheckFailure, defineCheck, pass, skip } from '../../../src/checks/define';
import { send } from '../../../src/clients/http';
import { sleep } from './support/context';
import { WRITE_PATH } from './write-path';
import { commandScenario, SCENARIO_ITEMS } from './scenario';

/**
 * RT-PROJECTOR-HEALTH (FUNC-2, WRK-2, PROJ-9): after the command round trips, the projector's
 * /health is 200 healthy with the WRK-2 fields, its lastProcessedBlock has reached the last
 * commit block of those commands, its lagMs is within thresholds.projectorLagMs, and /metrics
 * exports projector_lag_ms. The projector URL comes from the profile's `workers.projector`.
 */
export const projectorHealthCheck = defineCheck({
  id: 'RT-PROJECTOR-HEALTH',
  layer: 'integration',
  title: 'Projector /health is healthy, has processed the committed blocks, and exports projector_lag_ms',
  criteria: ['FUNC-2', 'PERF-2'],
  needs: ['writes', 'database', 'fixtures', 'ledger'],
  fixtureItems: SCENARIO_ITEMS,
  rules: ['WRK-2', 'PROJ-9'],
  dependsOn: WRITE_PATH,
  // The health document, and a committed command to hold lastProcessedBlock against.
  minJudged: 2,
  timeoutMs: 240_000,
  async run(ctx) {
    const url = ctx.target.workers?.projector;
    if (!url) return skip('Needs the projector URL: the profile has no `workers.projector`.');
    const scenario = await commandScenario(ctx);
    const lastCommit = Math.max(-1, ...[...scenario.results.values()].flat().map((r) => (r.row?.commitBlock ? Number(r.row.commitBlock) : -1)));
    const threshold = Number(ctx.target.thresholds.projectorLagMs);
    let health = await send({ method: 'GET', baseUrl: url, path: '/health', note: 'projector /health' });
    // Give the projector up to 2 s to catch up with the last commit before judging.
    for (let i = 0; i < 20; i++) {
      const b = health.body as { lastProcessedBlock?: string } | undefined;
      if (health.status === 200 && Number(b?.lastProcessedBlock ?? -1) >= lastCommit) break;
      await sleep(100);
      health = await send({ method: 'GET', baseUrl: url, path: '/health', note: 'projector /health' });
    }
    const metrics = await send({ method: 'GET', baseUrl: url, path: '/metrics', note: 'projector /metrics' });
    const body = (health.body ?? {}) as { status?: string; lastProcessedBlock?: unknown; lastEventIndex?: unknown; eventCounter?: unknown; lagMs?: unknown };
    const problems: string[] = [];
    if (health.status !== 200 || body.status !== 'healthy') problems.push(`/health answered ${health.status} ${String(body.status)}`);
    if (typeof body.lastProcessedBlock !== 'string') problems.push('lastProcessedBlock is not a string (WRK-2)');
    for (const k of ['lastEventIndex', 'eventCounter', 'lagMs'] as const) if (typeof body[k] !== 'number') problems.push(`${k} is not a number (WRK-2)`);
    if (lastCommit >= 0 && Number(body.lastProcessedBlock ?? -1) < lastCommit) problems.push(`lastProcessedBlock ${String(body.lastProcessedBlock)} has not reached block ${lastCommit} of the last committed command`);
    if (typeof body.lagMs === 'number' && body.lagMs > threshold) problems.push(`lagMs ${body.lagMs} exceeds ${threshold}`);
    const lagLine = metrics.text.match(/^projector_lag_ms(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m);
    if (metrics.status !== 200 || !lagLine) problems.push('/metrics does not export projector_lag_ms (PROJ-9)');
    ctx.observe.judged();
    if (lastCommit >= 0) ctx.observe.judged();
    else ctx.observe.unusable('no command committed to compare lastProcessedBlock with');
    const measurements = { lastCommitBlock: lastCommit, lastProcessedBlock: String(body.lastProcessedBlock ?? ''), lagMs: typeof body.lagMs === 'number' ? body.lagMs : null, projectorLagMetric: lagLine ? Number(lagLine[1]) : null };
    if (problems.length) {
      throw new CheckFailure({ message: problems.join('; '), expected: '200 healthy, caught up, lagMs within threshold, projector_lag_ms exported', received: health.text.slice(0, 300), evidence: [health.evidence, metrics.evidence], measurements });
    }
    return pass({ message: `healthy at block ${String(body.lastProcessedBlock)}, lagMs ${String(body.lagMs)}`, evidence: [health.evidence], measurements });
  },
});
