import type http from 'node:http';
import type { FixtureWorld } from '../../src/fixtures/types';
import type { DrControl, LedgerOutage } from '../ledger-stack';

/** What the control server may do with the sandbox's ledger stack (sandbox/ledger-stack.ts). */
export interface LedgerControl {
  restartProjector(): Promise<void>;
  seedWorld(world: FixtureWorld): void;
  /** Kill/restart of single workers (OPS-4 drill); absent on stacks that cannot. */
  dr?: DrControl;
  /** Ledger cut/restore (OUT-9) and event injection (PROJ-6); absent on stacks that cannot. */
  ledgerOutage?: LedgerOutage;
  emitEvent?(name: string, payload: Record<string, unknown>): Promise<{ txId: string; block: number }>;
}

const LEDGER_PATHS = ['/workers/projector/restart', '/ledger/seed-world', '/ledger/cut', '/ledger/restore', '/ledger/emit-event'];

type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

/**
 * POST /workers/projector/restart: kill the projector mid-stream and start it again from its
 * checkpoint (RT-RESTART). POST /ledger/seed-world {world}: write a run's fixture world into the
 * ledger, so ledger and read model agree for `gxv-<run-id>` data too. POST /ledger/cut and
 * /ledger/restore: every client call to the peer fails at once with UNAVAILABLE until restored
 * (event streams stay up; OUT-9). POST /ledger/emit-event {eventName, payload}: commit one
 * transaction whose only chaincode event has that name, which must be outside the catalog (PROJ-6);
 * answers {txId, block}. False = not a ledger route.
 */
export async function ledgerRoute(
  ledger: LedgerControl | undefined, method: string | undefined, path: string, body: () => Promise<unknown>,
  res: http.ServerResponse, send: Send,
): Promise<boolean> {
  if (method !== 'POST' || !LEDGER_PATHS.includes(path)) return false;
  if (!ledger) {
    send(res, 404, { error: 'Not Found', message: 'This sandbox runs without the ledger stack' });
    return true;
  }
  if (path === '/workers/projector/restart') {
    const started = Date.now();
    await ledger.restartProjector();
    send(res, 200, { projector: 'restarted', tookMs: Date.now() - started });
    return true;
  }
  if (path === '/ledger/cut' || path === '/ledger/restore') {
    if (!ledger.ledgerOutage) return send(res, 404, { error: 'Not Found', message: 'This sandbox cannot cut its ledger' }), true;
    if (path === '/ledger/cut') ledger.ledgerOutage.cut();
    else ledger.ledgerOutage.restore();
    send(res, 200, { ledger: ledger.ledgerOutage.isCut ? 'cut' : 'connected' });
    return true;
  }
  if (path === '/ledger/emit-event') {
    if (!ledger.emitEvent) return send(res, 404, { error: 'Not Found', message: 'This sandbox cannot emit ledger events' }), true;
    const b = await body() as { eventName?: unknown; payload?: unknown } | null;
    if (typeof b?.eventName !== 'string' || typeof b.payload !== 'object' || b.payload === null || Array.isArray(b.payload)) {
      send(res, 400, { error: 'Bad Request', message: 'Body must be {"eventName": <name outside the catalog>, "payload": {...}}' });
      return true;
    }
    try {
      send(res, 200, await ledger.emitEvent(b.eventName, b.payload as Record<string, unknown>));
    } catch (err) {
      send(res, 400, { error: 'Bad Request', message: (err as Error).message.slice(0, 500) });
    }
    return true;
  }
  const world = (await body() as { world?: FixtureWorld } | null)?.world;
  if (!world || typeof world.namespace !== 'string' || typeof world.users !== 'object') {
    send(res, 400, { error: 'Bad Request', message: 'Body must be {"world": <FixtureWorld>}' });
    return true;
  }
  ledger.seedWorld(world);
  send(res, 200, { seeded: world.namespace });
  return true;
}
