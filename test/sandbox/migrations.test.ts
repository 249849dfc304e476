import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchemaDrift, attachSchemaDrift } from '../../sandbox/db/drift';
import { loadMigrations, migrate } from '../../sandbox/db/migrate';
import { FaultSwitchboard } from '../../sandbox/faults/switchboard';
import { PostgresBinary, type StartedPostgres } from '../../sandbox/infra/postgres';

let postgres: StartedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  postgres = await new PostgresBinary().start();
  pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
  pool.on('error', () => undefined); // idle clients are terminated when the cluster stops
});
afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

async function columns(table: string): Promise<Record<string, { type: string; nullable: boolean; default: string | null }>> {
  const { rows } = await pool.query(
    `SELECT column_name, data_type, udt_name, numeric_precision, numeric_scale, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, {
    type: r.data_type === 'USER-DEFINED' ? r.udt_name : r.data_type === 'numeric' ? `numeric(${r.numeric_precision},${r.numeric_scale})` : r.data_type,
    nullable: r.is_nullable === 'YES',
    default: r.column_default,
  }]));
}

async function enumValues(type: string): Promise<string[]> {
  const { rows } = await pool.query(
    'SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder',
    [type],
  );
  return rows.map((r) => r.enumlabel);
}

async function constraintColumns(table: string, kind: 'p' | 'u' | 'f'): Promise<string[]> {
  const { rows } = await pool.query(
    `SELECT string_agg(a.attname, ',' ORDER BY k.ord) AS cols
     FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.conrelid = format('%I', $1::text)::regclass AND c.contype = $2 GROUP BY c.oid ORDER BY cols`,
    [table, kind],
  );
  return rows.map((r) => r.cols);
}

describe('sandbox migrations', () => {
  it('apply once, record version/name/checksum, and are a no-op the second time', async () => {
    const files = loadMigrations();
    const first = await migrate(pool);
    expect(first.applied).toHaveLength(files.length);
    expect(first.alreadyApplied).toEqual([]);

    const recorded = await pool.query('SELECT "version", "name", "checksum", "appliedAt" FROM "_gx_migrations" ORDER BY "version"');
    expect(recorded.rows.map((r) => [r.version, r.name, r.checksum])).toEqual(files.map((f) => [f.version, f.name, f.checksum]));

    const second = await migrate(pool);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect((await pool.query('SELECT count(*)::int AS n FROM "_gx_migrations"')).rows[0].n).toBe(files.length);
  });

  it('refuses a migration file changed after it was applied', async () => {
    const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(pool, changed)).rejects.toThrow(/001_enum_types was changed after it was applied/);
  });

  it('creates the contract tables with their exact column names and types (§14)', async () => {
    const wallet = await columns('Wallet');
    expect(Object.keys(wallet).sort()).toEqual(['cachedBalance', 'createdAt', 'deletedAt', 'isFrozen', 'primaryAccountId', 'profileId', 'tenantId', 'updatedAt', 'walletId', 'walletName']);
    expect(wallet.cachedBalance).toMatchObject({ type: 'numeric(36,9)', nullable: false });
    expect(wallet.isFrozen.default).toBe('false');

    const tx = await columns('Transaction');
    expect(tx.blockNumber).toEqual({ type: 'bigint', nullable: true, default: null });
    expect(tx.type.type).toBe('OffChainTxType');
    expect(tx.timestamp.type).toBe('timestamp with time zone');

    const outbox = await columns('OutboxCommand');
    expect(outbox.payload.type).toBe('jsonb');
    expect(outbox.status).toMatchObject({ type: 'OutboxStatus', default: "'PENDING'::\"OutboxStatus\"" });
    expect(outbox.commitBlock.type).toBe('bigint');
    expect(Object.keys(outbox)).toEqual(expect.arrayContaining(['nextAttemptAt', 'lockedBy', 'lockedAt', 'submittedAt', 'fabricTxId', 'errorCode', 'error', 'attempts', 'requestId', 'service']));

    const user = await columns('UserProfile');
    expect(user.nationalityCountryCode.type).toBe('character');
    expect(user.role).toMatchObject({ type: 'UserRole', default: "'USER'::\"UserRole\"" });
    expect(user.status.default).toBe("'PENDING_VERIFICATION'::\"UserProfileStatus\"");

    expect(Object.keys(await columns('ProjectorState'))).toEqual(expect.arrayContaining(['heartbeatAt', 'lagMs', 'lastBlock', 'lastEventIndex']));
    expect(Object.keys(await columns('MultiSigTransaction'))).toContain('ruleId');
    expect(Object.keys(await columns('HttpIdempotency')).sort()).toEqual(['bodyHash', 'createdAt', 'idempotencyKey', 'method', 'path', 'principal', 'responseBody', 'responseHeaders', 'statusCode', 'tenantId', 'ttlExpiresAt']);
    expect((await columns('Loan')).amount.type).toBe('numeric(36,9)');
  });

  it('creates every enum type with the contract values in order', async () => {
    expect(await enumValues('KycStatus')).toEqual(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']);
    expect(await enumValues('OutboxStatus')).toEqual(['PENDING', 'LOCKED', 'SUBMITTED', 'COMMITTED', 'FAILED']);
    expect(await enumValues('OffChainTxType')).toEqual(['MINT', 'SENT', 'RECEIVED', 'TAX', 'LOAN_DISBURSEMENT', 'LOAN_REPAYMENT', 'GENESIS']);
    expect(await enumValues('UserRole')).toEqual(['USER', 'ADMIN', 'SUPER_ADMIN', 'PARTNER_API']);
    expect(await enumValues('CommandType')).toHaveLength(27);
  });

  it('creates the primary, unique and foreign keys', async () => {
    expect(await constraintColumns('ProjectorState', 'p')).toEqual(['tenantId,projectorName,channel']);
    expect(await constraintColumns('HttpIdempotency', 'p')).toEqual(['tenantId,principal,idempotencyKey']);
    expect(await constraintColumns('UserProfile', 'u')).toEqual(['biometricHash', 'email', 'phoneNum']);
    expect(await constraintColumns('Wallet', 'u')).toEqual(['tenantId,primaryAccountId']);
    expect(await constraintColumns('Transaction', 'u')).toEqual(['tenantId,onChainTxId']);
    expect(await constraintColumns('OutboxCommand', 'u')).toEqual(['tenantId,requestId']);
    expect(await constraintColumns('Transaction', 'f')).toEqual(['walletId']);
    expect(await constraintColumns('KYCVerification', 'f')).toEqual(['profileId']);
    expect(await constraintColumns('UserProfile', 'f')).toEqual(['nationalityCountryCode']);
    const { rows } = await pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'OutboxCommand' ORDER BY indexname`);
    expect(rows.map((r) => r.indexname)).toEqual(expect.arrayContaining([
      'OutboxCommand_status_createdAt_idx', 'OutboxCommand_tenantId_status_idx', 'OutboxCommand_fabricTxId_idx',
    ]));
  });

  it('schema-drift renames KycStatus EXPIRED while on and restores it when off', async () => {
    const faults = new FaultSwitchboard();
    const detach = await attachSchemaDrift(faults, pool);
    try {
      await faults.set(['schema-drift']);
      expect(await enumValues('KycStatus')).toEqual(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED_LEGACY']);
      await applySchemaDrift(pool, true); // already drifted: no-op
      await faults.set([]);
      expect(await enumValues('KycStatus')).toEqual(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']);
    } finally {
      detach();
    }
  });
});
