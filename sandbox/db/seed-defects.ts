import type pg from 'pg';
import type { FaultSwitchboard } from '../faults/switchboard';

/**
 * Read-model state an operator's seed could leave behind (contract §14 fixtures), as fault
 * switches: each is written when its fault goes on and undone when it goes off, on the rows that
 * exist at that moment (the sandbox's world and every seeded fixture world).
 */
interface SeedDefect { on: string; off: string }

const DEFECTS: Record<string, SeedDefect> = {
  // FIX-1: treasuries held under another profile id than treasury_<CC>.
  'treasury-wallet-renamed': {
    on: `UPDATE "Wallet" SET "profileId" = 'gxv-fault-' || "profileId" WHERE "profileId" LIKE 'treasury\\_%'`,
    off: `UPDATE "Wallet" SET "profileId" = substr("profileId", 11) WHERE "profileId" LIKE 'gxv-fault-treasury\\_%'`,
  },
  // FIX-2: organization types outside BUSINESS, NGO, GOVERNMENT (the column is free text).
  'org-type-title-case': {
    on: `UPDATE "Organization" SET "orgType" = initcap("orgType") WHERE "orgType" IN ('BUSINESS', 'NGO', 'GOVERNMENT')`,
    off: `UPDATE "Organization" SET "orgType" = upper("orgType") WHERE "orgType" IN ('Business', 'Ngo', 'Government')`,
  },
};

async function apply(pool: pg.Pool, active: readonly string[]): Promise<void> {
  // Each defect is undone whenever its fault is off: the statements touch only defective rows.
  for (const [name, d] of Object.entries(DEFECTS)) await pool.query(active.includes(name) ? d.on : d.off);
}

/** Keeps the seed defects in step with their faults, now and on every later change. */
export async function attachSeedDefects(faults: FaultSwitchboard, pool: pg.Pool): Promise<() => void> {
  await apply(pool, faults.list());
  return faults.onChange((active) => apply(pool, active));
}
