import type http from 'node:http';
import type { StartedPostgres } from '../infra/postgres';
import type { DrControl } from '../ledger-stack';
import type { StartedMonitoring } from '../monitoring';

type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

export interface OpsControl {
  monitoring?: StartedMonitoring;
  postgres?: Pick<StartedPostgres, 'kill' | 'restart' | 'pid'>;
  dr?: DrControl;
}

/** Which submitter replica the drill kills: the second, so the first keeps draining meanwhile. */
const DRILL_SUBMITTER = 1;

/**
 * Operations routes of the control endpoint:
 * - GET /monitoring/notifications?since=<epoch ms>: what Alertmanager delivered to the sandbox's webhook;
 * - GET /deployment/version: the commit the sandbox deployment runs (OPS-5);
 * - POST /dr/{postgres,projector,submitter}/{kill,restart}: kill -9 one part, or start it again (OPS-4, OPS-2).
 * False = not one of these routes.
 */
export async function opsRoute(ops: OpsControl, method: string | undefined, url: string, res: http.ServerResponse, send: Send): Promise<boolean> {
  const [path, query = ''] = url.split('?');
  const clean = path.replace(/(.)\/$/, '$1');
  const missing = (what: string) => send(res, 404, { error: 'Not Found', message: `This sandbox runs without ${what}` });
  if (method === 'GET' && clean === '/monitoring/notifications') {
    if (!ops.monitoring) return missing('monitoring'), true;
    const since = Number(new URLSearchParams(query).get('since') ?? 0);
    send(res, 200, { notifications: ops.monitoring.sink.list(Number.isFinite(since) ? since : 0) });
    return true;
  }
  if (method === 'GET' && clean === '/deployment/version') {
    if (!ops.monitoring) return missing('its release information (monitoring)'), true;
    send(res, 200, { commit: ops.monitoring.release.deployed, branch: ops.monitoring.release.branch });
    return true;
  }
  const m = /^\/dr\/(postgres|projector|submitter)\/(kill|restart)$/.exec(clean);
  if (method !== 'POST' || !m) return false;
  const [, part, action] = m;
  const started = Date.now();
  if (part === 'postgres') {
    if (!ops.postgres?.kill || !ops.postgres.restart) return missing('a PostgreSQL it can kill (binaries mode)'), true;
    await (action === 'kill' ? ops.postgres.kill() : ops.postgres.restart());
  } else {
    if (!ops.dr) return missing('the ledger stack'), true;
    if (part === 'projector') await (action === 'kill' ? ops.dr.killProjector() : ops.dr.restartProjector());
    else await (action === 'kill' ? ops.dr.killSubmitter(DRILL_SUBMITTER) : ops.dr.restartSubmitter(DRILL_SUBMITTER));
  }
  send(res, 200, { part, state: action === 'kill' ? 'killed' : 'running', tookMs: Date.now() - started });
  return true;
}
