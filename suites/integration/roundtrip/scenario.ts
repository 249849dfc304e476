import type { CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { brief } from '../support/envelope';
import { sendTo } from '../support/requests';
import { fixtureToken, fundUser, createUser, type FreshUser } from './support/actors';
import { sleep, withRoundTrip, type RoundTrip } from './support/context';
import { watchRow, trailText } from './support/outbox';
import { param } from './support/read-model';
import { StepFailed, mustRoundTrip, type RoundTripResult } from './support/roundtrip';
import type { ServerTimes } from './support/write-time';
import { watchRunner, type RunnerHealth } from '../../../src/measure/runner-health';
import { countrySteps, loanSteps, organizationSteps, pickTestCountry, proposalSteps, type Agreement } from './steps-domain';
import { identityAndWalletSteps, transfer } from './steps-money';
import type { FixtureItem } from '../../../src/fixtures/items';

/**
 * The command round trips of one run, done once and shared by the RT-CMD-* checks: fresh users
 * (I4), genesis (#2), a transfer, profile and KYC, freeze/unfreeze, admin appointment, velocity
 * tax, a whole organization life (propose → endorse → activate → rule → multisig → approve), a
 * loan, a proposal voted and executed, a test country with its treasury, and #25. Each chain stops
 * at its first failing step; the commands it did not reach are reported as not reached.
 */
export interface ScenarioResult {
  results: Map<string, RoundTripResult[]>;
  /** Why a command has no result (its chain stopped earlier, or it cannot be exercised here). */
  notReached: Map<string, string>;
  /** Commands that cannot be exercised on this target, with the reason (skips, not failures). */
  skipped: Map<string, string>;
  agreement: Agreement[];
  lags: Map<string, number[]>;
  /** ms from 202 to commit per round trip (ledger time; not part of the lag). */
  commitLatencies: number[];
  /** The same round trips on the deployment's own clocks (lag, accept → commit). */
  server: ServerTimes;
  /** The runner's health while they were timed (set once the scenario ends). */
  health?: RunnerHealth;
  ledgerChecked: boolean;
  /** The database's clock when the scenario began: rows changed since then are this run's writes. */
  startedAt: string;
}

/** What the scenario reads from the fixture world: the test country (I4), superAdmin (genesis, admin commands), admin. */
export const SCENARIO_ITEMS: FixtureItem[] = ['country', 'superAdmin', 'admin'];
/** The pause scenario acts as superAdmin only. */
export const PAUSE_ITEMS: FixtureItem[] = ['superAdmin'];

const cache = new WeakMap<object, Map<string, Promise<ScenarioResult>>>();

/** Once per (target, run): every RT-CMD check of a run reads the same round trips. */
function once(ctx: CheckContext, kind: string, start: () => Promise<ScenarioResult>): Promise<ScenarioResult> {
  let runs = cache.get(ctx.target);
  if (!runs) cache.set(ctx.target, (runs = new Map()));
  const key = `${kind}:${ctx.runId}`;
  let p = runs.get(key);
  if (!p) runs.set(key, (p = start()));
  return p;
}

export function commandScenario(ctx: CheckContext): Promise<ScenarioResult> {
  return once(ctx, 'commands', () => runScenario(ctx));
}

/** Longest voting period the scenario waits out before #22 (the ledger's setting decides it). */
const MAX_VOTING_WAIT_MS = 20_000;

async function runScenario(ctx: CheckContext): Promise<ScenarioResult> {
  const watch = watchRunner(); // how the runner did while the round trips were timed (src/measure)
  return withRoundTrip(ctx, 'cmd', async (rt) => {
    const startedAt = (await rt.db.query<{ t: string }>('SELECT now()::text AS t')).rows[0].t;
    const out: ScenarioResult = { results: new Map(), notReached: new Map(), skipped: new Map(), agreement: [], lags: rt.lags, commitLatencies: rt.commitLatencies, server: rt.server, ledgerChecked: rt.fabric !== null, startedAt };
    const record = (r: RoundTripResult) => out.results.set(r.commandType, [...(out.results.get(r.commandType) ?? []), r]);
    const chain = async (label: string, commands: string[], body: () => Promise<void>) => {
      try {
        await body();
      } catch (err) {
        const why = err instanceof StepFailed ? `${label} stopped at ${err.result.commandType}: ${err.result.problems[0] ?? ''}` : `${label} stopped: ${(err as Error).message}`;
        for (const c of commands) if (!out.results.has(c) && !out.skipped.has(c)) out.notReached.set(c, why);
      }
    };
    let users: FreshUser[] = [];
    const all = ['CREATE_USER', 'DISTRIBUTE_GENESIS', 'TRANSFER_TOKENS', 'UPDATE_USER_PROFILE', 'SUBMIT_KYC', 'FREEZE_WALLET', 'UNFREEZE_WALLET', 'APPOINT_ADMIN', 'APPLY_VELOCITY_TAX',
      'PROPOSE_ORGANIZATION', 'ENDORSE_MEMBERSHIP', 'ACTIVATE_ORGANIZATION', 'DEFINE_AUTH_RULE', 'INITIATE_MULTISIG_TX', 'APPROVE_MULTISIG_TX', 'APPLY_FOR_LOAN', 'APPROVE_LOAN',
      'UPDATE_SYSTEM_PARAMETER', 'SUBMIT_PROPOSAL', 'CAST_VOTE', 'EXECUTE_PROPOSAL'];
    await chain('the user set-up', all, async () => {
      users = [await createUser(rt, 'u1', record), await createUser(rt, 'u2', record), await createUser(rt, 'u3', record)];
      for (const u of users) await fundUser(rt, u, record);
    });
    const agree = (a: Agreement) => out.agreement.push(a);
    if (users.length === 3) {
      const [u1, u2, u3] = users;
      let proposal: Awaited<ReturnType<typeof proposalSteps>> | null = null;
      await chain('the governance chain', ['UPDATE_SYSTEM_PARAMETER', 'SUBMIT_PROPOSAL', 'CAST_VOTE', 'EXECUTE_PROPOSAL'], async () => {
        proposal = await proposalSteps(rt, u1, u2, record, agree);
      });
      await chain('the transfer chain', ['TRANSFER_TOKENS'], async () => {
        await transfer(rt, u1, u2, '10', `${rt.prefix} transfer`, record);
      });
      await chain('the identity chain', ['UPDATE_USER_PROFILE', 'SUBMIT_KYC', 'FREEZE_WALLET', 'UNFREEZE_WALLET', 'APPOINT_ADMIN', 'APPLY_VELOCITY_TAX'], () => identityAndWalletSteps(rt, u1, u2, u3, record));
      await chain('the organization chain', ['PROPOSE_ORGANIZATION', 'ENDORSE_MEMBERSHIP', 'ACTIVATE_ORGANIZATION', 'DEFINE_AUTH_RULE', 'INITIATE_MULTISIG_TX', 'APPROVE_MULTISIG_TX'],
        () => organizationSteps(rt, u1, u2, record, agree));
      await chain('the loan chain', ['APPLY_FOR_LOAN', 'APPROVE_LOAN'], () => loanSteps(rt, u1, record, agree));
      const p = proposal as Awaited<ReturnType<typeof proposalSteps>> | null;
      if (p) {
        const waitMs = p.endTime ? p.endTime.getTime() - Date.now() + 300 : 0;
        if (waitMs > MAX_VOTING_WAIT_MS) out.skipped.set('EXECUTE_PROPOSAL', `the ledger's voting period ends at ${p.endTime!.toISOString()}, beyond the ${MAX_VOTING_WAIT_MS / 1000} s this check waits`);
        else await chain('the governance chain', ['EXECUTE_PROPOSAL'], async () => { await sleep(Math.max(0, waitMs)); await p.execute(); });
      }
    }
    const cc = await pickTestCountry(rt);
    if (!cc) for (const c of ['INITIALIZE_COUNTRY', 'ACTIVATE_TREASURY']) out.skipped.set(c, 'every user-assigned test country already has an active treasury');
    else await chain('the country chain', ['INITIALIZE_COUNTRY', 'ACTIVATE_TREASURY'], () => countrySteps(rt, cc, record));
    await chain('bootstrap', ['BOOTSTRAP_SYSTEM'], () => bootstrapStep(rt, record));
    out.health = watch.stop();
    return out;
  });
}

/**
 * #25: on a bootstrapped system the ledger must refuse BootstrapSystem (§7.2), so the round trip
 * to check is the refusal: the row records a failed attempt (errorCode, error) and never commits.
 */
async function bootstrapStep(rt: RoundTrip, record: (r: RoundTripResult) => void) {
  const tenant = rt.ctx.target.tenantId;
  if ((await param(rt.db, tenant, 'SYSTEM_BOOTSTRAPPED')) !== 'true') {
    await mustRoundTrip(rt, {
      commandType: 'BOOTSTRAP_SYSTEM', endpoint: '#25', events: ['SystemBootstrapped'],
      request: { as: 'superAdmin', token: await fixtureToken(rt, 'superAdmin') },
      visible: async (db) => (await param(db, tenant, 'SYSTEM_BOOTSTRAPPED')) === 'true',
      verify: async (db) => ((await param(db, tenant, 'SYSTEM_STATUS')) ? [] : ['SYSTEM_STATUS missing after bootstrap']),
    }, record);
    return;
  }
  const res = await sendTo(rt.ctx, endpointById('#25'), { as: 'superAdmin', token: await fixtureToken(rt, 'superAdmin') });
  const commandId = (res.body as { commandId?: string } | undefined)?.commandId;
  const problems: string[] = [];
  let trail = '';
  let row = null;
  if (res.status !== 202 || !commandId) problems.push(`the command was not accepted: ${brief(res)}`);
  else {
    const w = await watchRow(rt.db, commandId, 30_000, { stopWhen: (r) => r.errorCode !== null });
    row = w.row;
    trail = trailText(w.trail);
    if (!row) problems.push('no OutboxCommand row');
    else if (row.status === 'COMMITTED') problems.push('BootstrapSystem committed on an already bootstrapped ledger (§7.2 says the ledger rejects it)');
    else if (!row.errorCode || !row.error) problems.push(`no failed attempt recorded within 30 s (states ${trail})`);
  }
  const r: RoundTripResult = {
    commandType: 'BOOTSTRAP_SYSTEM', endpoint: '#25', ok: problems.length === 0, problems, commandId: commandId ?? null, row, trail, events: [], lagMs: null,
    ledgerChecked: false, evidence: [res.evidence], body: (res.body ?? {}) as Record<string, unknown>,
  };
  record(r);
  if (!r.ok) throw new StepFailed(r);
}

/** #28 then #29, alone (the pause stops every transfer of every check): SYSTEM_STATUS PAUSED, then ACTIVE. */
export function pauseScenario(ctx: CheckContext): Promise<ScenarioResult> {
  return once(ctx, 'pause', () => withRoundTrip(ctx, 'pause', async (rt) => {
      const startedAt = (await rt.db.query<{ t: string }>('SELECT now()::text AS t')).rows[0].t;
      const out: ScenarioResult = { results: new Map(), notReached: new Map(), skipped: new Map(), agreement: [], lags: rt.lags, commitLatencies: rt.commitLatencies, server: rt.server, ledgerChecked: rt.fabric !== null, startedAt };
      const record = (r: RoundTripResult) => out.results.set(r.commandType, [r]);
      const tenant = ctx.target.tenantId;
      const token = await fixtureToken(rt, 'superAdmin');
      const reason = `${rt.prefix} pause`;
      try {
        await mustRoundTrip(rt, {
          commandType: 'PAUSE_SYSTEM', endpoint: '#28', events: ['SystemPaused'],
          request: { as: 'superAdmin', token, body: { reason } },
          visible: async (db) => (await param(db, tenant, 'SYSTEM_STATUS')) === 'PAUSED',
          verify: async (db) => ((await param(db, tenant, 'SYSTEM_PAUSE_REASON')) === reason ? [] : ['SYSTEM_PAUSE_REASON is not the pause reason']),
        }, record);
      } catch (err) {
        if (!(err instanceof StepFailed)) throw err;
      }
      // Resume in any case, so a failed pause check never leaves the target paused.
      try {
        await mustRoundTrip(rt, {
          commandType: 'RESUME_SYSTEM', endpoint: '#29', events: ['SystemResumed'],
          request: { as: 'superAdmin', token },
          visible: async (db) => (await param(db, tenant, 'SYSTEM_STATUS')) === 'ACTIVE',
          verify: async (db) => ((await param(db, tenant, 'SYSTEM_PAUSE_REASON')) === null ? [] : ['SYSTEM_PAUSE_REASON still present after resume']),
        }, record);
      } catch (err) {
        if (!(err instanceof StepFailed)) throw err;
      }
      return out;
  }));
}
