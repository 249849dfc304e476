import type http from 'node:http';
import type { FixtureWorld } from '../../src/fixtures/types';
import type { DrControl } from '../ledger-stack';

/** What the control server may do with the sandbox's ledger stack (sandbox/ledger-stack.ts). */
export interface LedgerControl {
  restartProjector(): Promise<void>;
  seedWorld(world: FixtureWorld): void;
  /** Kill/restart of single workers (OPS-4 drill); absent on stacks that cannot. */
  dr?: DrControl;
}

type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

/**
 * POST /workers/projector/restart: kill the projector mid-stream and start it again from its
 * checkpoint (RT-RESTART). POST /ledger/seed-world {world}: write a run's fixture world into the
 * ledger, so ledger and read model agree for `gxv-<run-id>` data too. False = not a ledger route.
 */
export async function ledgerRoute(
  ledger: LedgerControl | undefined, method: string | undefined, path: string, body: () => Promise<unknown>,
  res: http.ServerResponse, send: Send,
): Promise<boolean> {
  if (method !== 'POST' || (path !== '/workers/projector/restart' && path !== '/ledger/seed-world')) return false;
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
  const world = (await body() as { world?: FixtureWorld } | null)?.world;
  if (!world || typeof world.namespace !== 'string' || typeof world.users !== 'object') {
    send(res, 400, { error: 'Bad Request', message: 'Body must be {"world": <FixtureWorld>}' });
    return true;
  }
  ledger.seedWorld(world);
  send(res, 200, { seeded: world.namespace });
  return true;
}
