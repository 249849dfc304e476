import { CheckFailure, defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import { withDb } from '../support/db';
import { send } from '../../../src/clients/http';
import { sleep } from './support/context';
import { WRITE_PATH } from './write-path';
import { commandScenario, SCENARIO_ITEMS } from './scenario';

/**
 * RT-PROJECTOR-HEALTH (FUNC-2, WRK-2, PROJ-9): after the command round trips, the projector's
 * /health is 200 healthy with the WRK-2 fields, its lastProcessedBlock has reached the last
 * commit block of those commands, its lagMs is within thresholds.projectorLagMs, and /metrics
 * exports projector_lag_ms, and its ProjectorState heartbeatAt never stands still for 2 s (PROJ-9, also
 * when idle). The projector URL comes from the profile's `workers.projector`.
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
    const problems: Array<{ rule: string; text: string }> = [];
    if (health.status !== 200 || body.status !== 'healthy') problems.push({ rule: 'WRK-2', text: `/health answered ${health.status} ${String(body.status)}` });
    if (typeof body.lastProcessedBlock !== 'string') problems.push({ rule: 'WRK-2', text: 'lastProcessedBlock is not a string' });
    for (const k of ['lastEventIndex', 'eventCounter', 'lagMs'] as const) if (typeof body[k] !== 'number') problems.push({ rule: 'WRK-2', text: `${k} is not a number` });
    if (lastCommit >= 0 && Number(body.lastProcessedBlock ?? -1) < lastCommit) problems.push({ rule: 'WRK-2', text: `lastProcessedBlock ${String(body.lastProcessedBlock)} has not reached block ${lastCommit} of the last committed command` });
    if (typeof body.lagMs === 'number' && body.lagMs > threshold) problems.push({ rule: 'WRK-2', text: `lagMs ${body.lagMs} exceeds ${threshold}` });
    const lagLine = metrics.text.match(/^projector_lag_ms(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m);
    if (metrics.status !== 200 || !lagLine) problems.push({ rule: 'PROJ-9', text: '/metrics does not export projector_lag_ms' });
    const beat = await heartbeatMoves(ctx);
    if (beat.problem) problems.push({ rule: 'PROJ-9', text: beat.problem });
    ctx.observe.judged();
    if (lastCommit >= 0) ctx.observe.judged();
    else ctx.observe.unusable('no command committed to compare lastProcessedBlock with');
    const measurements = { lastCommitBlock: lastCommit, lastProcessedBlock: String(body.lastProcessedBlock ?? ''), lagMs: typeof body.lagMs === 'number' ? body.lagMs : null, projectorLagMetric: lagLine ? Number(lagLine[1]) : null };
    const evidence = [health.evidence, metrics.evidence, ...(beat.evidence ? [beat.evidence] : [])];
    for (const p of problems) ctx.findings.add({ rule: p.rule, component: 'worker', text: p.text, evidence });
    if (problems.length) {
      throw new CheckFailure({ message: problems.map((p) => `${p.text} (${p.rule})`).join('; '), expected: '200 healthy, caught up, lagMs within threshold, projector_lag_ms exported', received: health.text.slice(0, 300), evidence, measurements });
    }
    return pass({ message: `healthy at block ${String(body.lastProcessedBlock)}, lagMs ${String(body.lagMs)}`, evidence: [health.evidence], measurements });
  },
});

/**
 * PROJ-9: the main-projector row's heartbeatAt, sampled every 200 ms for 3.5 s. A projector that
 * writes it every second (also when idle) changes it at least every ~1 s; a gap of more than 2 s
 * without a change is a missed heartbeat. A gap between two values is read from the values
 * themselves (both written by the projector's clock), so a runner or database that answered late
 * does not stretch it; the stretch after the last change is timed on this runner's clock and judged
 * only when every read came back within a second (a starved runner cannot tell a silent projector).
 */
const WATCH_MS = 3_500;
const MAX_GAP_MS = 2_000;
const SLOW_READ_MS = 1_000;

async function heartbeatMoves(ctx: CheckContext): Promise<{ problem: string | null; evidence?: EvidenceItem }> {
  const channel = ctx.target.fabric?.channel ?? 'gxchannel';
  // The row as JSON: heartbeatAt is advisory (†); without the column there is nothing to judge here.
  return withDb(ctx, async (c) => {
    const read = async () => (await c.query<{ beat: string | null }>(
      `SELECT to_jsonb(p) ->> 'heartbeatAt' AS beat FROM "ProjectorState" p WHERE "tenantId" = $1 AND "projectorName" = 'main-projector' AND "channel" = $2`,
      [ctx.target.tenantId, channel])).rows[0]?.beat ?? null;
    const started = Date.now();
    let last = await read();
    if (last === null) return { problem: null };
    const seen = [last];
    let changedAt = started;
    let maxGap = 0;
    let slowestRead = Date.now() - started;
    while (Date.now() - started < WATCH_MS) {
      await sleep(200);
      const asked = Date.now();
      const beat = await read();
      slowestRead = Math.max(slowestRead, Date.now() - asked);
      if (beat !== null && beat !== last) {
        const written = Date.parse(beat) - Date.parse(last);
        maxGap = Math.max(maxGap, Number.isFinite(written) ? written : Date.now() - changedAt);
        changedAt = Date.now();
        last = beat;
        seen.push(beat);
      }
    }
    if (slowestRead <= SLOW_READ_MS) maxGap = Math.max(maxGap, Date.now() - changedAt);
    const evidence: EvidenceItem = { note: `ProjectorState main-projector heartbeatAt over ${WATCH_MS} ms`, response: seen.join(' → ') };
    return maxGap <= MAX_GAP_MS ? { problem: null, evidence }
      : { problem: `heartbeatAt went ${maxGap} ms without a change (values ${seen.join(', ')}): the projector must write it at least once per second, also when idle`, evidence };
  });
}
