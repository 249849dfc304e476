import type pg from 'pg';
import { migrate } from '../db/migrate';
import { FAULTS, type FaultName } from '../faults/catalog';
import type { TenantPart } from '../../src/fixtures/plan';
import { migrateOrm } from './orm/migrate';

/**
 * Deployments the sandbox can stand up. `contract`: the read model exactly as contract §14 spells
 * it, with the ledger stack. `orm`: the same services on a database an ORM built (its own
 * migrations table, other enum names and fewer values, no database default for updatedAt, ORM-only
 * NOT NULL columns, absent advisory columns and tables, other index names) and no ledger or
 * workers: the target gx-verify's tests use to prove it judges deployments it was not built against.
 */
export const VARIANTS = ['contract', 'orm'] as const;
export type VariantName = (typeof VARIANTS)[number];

export interface SandboxVariant {
  name: VariantName;
  migrate(pool: pg.Pool): Promise<unknown>;
  /** The write path runs (Fabric emulator, outbox-submitters, projector). */
  ledger: boolean;
  /** Tenant parts the sandbox writes at boot, as the deployment's operator would. */
  tenant: TenantPart[];
  /** The sandbox's own world must be whole (the contract schema holds every item). */
  strictSeed: boolean;
  /** Why a fault cannot be switched on here, or null. */
  refuses(fault: FaultName): string | null;
}

const ORM_MISSING_PARTS: ReadonlySet<string> = new Set(['workers', 'fabric']);
const CONTRACT_SCHEMA_FAULTS: ReadonlySet<string> = new Set(['schema-drift', 'migrations-unrecorded']);

export const SANDBOX_VARIANTS: Record<VariantName, SandboxVariant> = {
  contract: {
    name: 'contract', migrate, ledger: true, tenant: ['systemState', 'projectorHeartbeat'], strictSeed: true, refuses: () => null,
  },
  orm: {
    name: 'orm',
    migrate: migrateOrm,
    ledger: false,
    // An operator bootstrapped the system; no projector runs, so nobody keeps a heartbeat.
    tenant: ['systemState'],
    strictSeed: false,
    refuses(fault) {
      if (CONTRACT_SCHEMA_FAULTS.has(fault)) return `fault ${fault} changes the contract schema; the orm variant has its own`;
      if (ORM_MISSING_PARTS.has(FAULTS[fault].part)) return `fault ${fault} is in the ${FAULTS[fault].part}, which the orm variant does not run`;
      return null;
    },
  },
};

export function sandboxVariant(name: string | undefined): SandboxVariant {
  const key = name ?? 'contract';
  if (!(VARIANTS as readonly string[]).includes(key)) throw new Error(`Unknown sandbox variant "${key}"; the variants are ${VARIANTS.join(', ')}`);
  return SANDBOX_VARIANTS[key as VariantName];
}
