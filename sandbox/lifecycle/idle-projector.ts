import type pg from 'pg';

export interface ProjectorHeartbeat {
  stop(): Promise<void>;
}

/**
 * The projector's heartbeat (PROJ-9) for a sandbox that has no ledger wired in: with no ledger
 * there is never an event pending, so lagMs 0 is the truth, and the fresh heartbeat keeps
 * /readyz honest (RDY-4: an idle, running projector is ready). The sandbox's real projector
 * replaces this through startSandbox's `startProjector` hook.
 */
export function startIdleProjectorHeartbeat(pool: pg.Pool, tenantId: string, everyMs = 1_000): ProjectorHeartbeat {
  let inFlight: Promise<unknown> = Promise.resolve();
  const beat = () => {
    inFlight = pool.query(
      `INSERT INTO "ProjectorState" ("tenantId", "projectorName", "channel", "heartbeatAt", "lagMs")
       VALUES ($1, 'main-projector', 'gxchannel', now(), 0)
       ON CONFLICT ("tenantId", "projectorName", "channel") DO UPDATE SET "heartbeatAt" = now(), "lagMs" = 0, "updatedAt" = now()`,
      [tenantId],
    ).catch(() => undefined); // a missed beat shows up as a stale heartbeat, which is the point
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
