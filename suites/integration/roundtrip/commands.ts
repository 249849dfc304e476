import { CheckFailure, defineCheck, pass, skip, type CheckDef } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { API_COMMANDS } from './support/functions';
import type { RoundTripResult } from './support/roundtrip';
import { summarize } from './support/stats';
import { WRITE_PATH } from './write-path';
import { commandScenario, PAUSE_ITEMS, pauseScenario, SCENARIO_ITEMS } from './scenario';

export const CMD_CRITERIA = ['IT-FAB-1', 'IT-FAB-2', 'IT-FAB-3', 'IT-FAB-4'];
const EXCLUSIVE = new Set(['PAUSE_SYSTEM', 'RESUME_SYSTEM']);
/** What every round trip judges (support/roundtrip.ts). */
const ROUND_TRIP_RULES = ['CMD-1', 'CMD-2', 'CMD-3', 'CMD-4', 'CMD-5', 'MAP-1', 'VAL-2', 'OUT-1', 'OUT-5', 'PROJ-2', 'PROJ-3', 'PROJ-11'];
/** Rules judged only where the step reads them: the transfer's rows (tenant, ledger time) and its skip detection. */
const EFFECT_RULES: Record<string, string[]> = { TRANSFER_TOKENS: ['PROJ-1', 'PROJ-5', 'PROJ-7'] };

/**
 * The scenario's chains (scenario.ts): a command is only reached once the one before it round-tripped,
 * so a broken step is one red line and the commands behind it are `blocked` by it.
 */
const CHAINS = [
  ['CREATE_USER', 'DISTRIBUTE_GENESIS'],
  ['DISTRIBUTE_GENESIS', 'UPDATE_SYSTEM_PARAMETER', 'SUBMIT_PROPOSAL', 'CAST_VOTE', 'EXECUTE_PROPOSAL'],
  ['DISTRIBUTE_GENESIS', 'TRANSFER_TOKENS'],
  ['DISTRIBUTE_GENESIS', 'UPDATE_USER_PROFILE', 'SUBMIT_KYC', 'FREEZE_WALLET', 'UNFREEZE_WALLET', 'APPOINT_ADMIN', 'APPLY_VELOCITY_TAX'],
  ['DISTRIBUTE_GENESIS', 'PROPOSE_ORGANIZATION', 'ENDORSE_MEMBERSHIP', 'ACTIVATE_ORGANIZATION', 'DEFINE_AUTH_RULE', 'INITIATE_MULTISIG_TX', 'APPROVE_MULTISIG_TX'],
  ['DISTRIBUTE_GENESIS', 'APPLY_FOR_LOAN', 'APPROVE_LOAN'],
  ['INITIALIZE_COUNTRY', 'ACTIVATE_TREASURY'],
];
const previousOf = (commandType: string): string[] => [...new Set(CHAINS.flatMap((chain) => {
  const i = chain.indexOf(commandType);
  return i > 0 ? [`RT-CMD-${chain[i - 1]}`] : [];
}))];

/** RT-CMD-<TYPE>: the command's full round trip (API → outbox → ledger → events → read model). */
function commandCheck(commandType: string, endpointId: string): CheckDef {
  const exclusive = EXCLUSIVE.has(commandType);
  return defineCheck({
    id: `RT-CMD-${commandType}`,
    layer: 'integration',
    title: `${endpointId} ${commandType}: outbox → Fabric → projector round trip`,
    criteria: CMD_CRITERIA,
    endpoint: endpointById(endpointId).id,
    // CMD-5 is judged against the shared scenario's other transactions; #28/#29 run apart from it.
    rules: [...ROUND_TRIP_RULES.filter((r) => !(exclusive && r === 'CMD-5')), ...(EFFECT_RULES[commandType] ?? [])],
    needs: ['writes', 'database', 'fixtures', 'ledger'],
    fixtureItems: exclusive ? PAUSE_ITEMS : SCENARIO_ITEMS,
    dependsOn: [...WRITE_PATH, ...previousOf(commandType)],
    timeoutMs: 240_000,
    // The pause stops every transfer of every check: #28/#29 run alone, after the shared pool.
    exclusive,
    async run(ctx) {
      const scenario = await (exclusive ? pauseScenario(ctx) : commandScenario(ctx));
      const skipped = scenario.skipped.get(commandType);
      if (skipped) return skip(skipped);
      const results = scenario.results.get(commandType) ?? [];
      const evidence = results.flatMap((r) => r.evidence);
      // Not reached, or not accepted by its route: the round trip itself was never exercised.
      const accepted = results.filter((r) => r.commandId !== null);
      if (accepted.length === 0) {
        const why = results[0]?.problems[0] ?? scenario.notReached.get(commandType) ?? 'no step reached it';
        ctx.observe.unusable(results.length === 0 ? `not reached: ${why}` : why);
        return pass({ message: `${commandType} was not round-tripped: ${why}`, evidence });
      }
      ctx.observe.judged(accepted.length);
      const failed = results.find((r) => !r.ok);
      const lags = results.map((r) => r.lagMs).filter((l): l is number => l !== null);
      const s = summarize(lags);
      const measurements: Record<string, number> = lags.length ? { roundTrips: results.length, lagP50Ms: s.p50, lagP95Ms: s.p95, lagMaxMs: s.max } : { roundTrips: results.length };
      const foreign = exclusive ? null : foreignSigner(scenario, results);
      if (foreign) ctx.findings.add({ rule: 'CMD-5', component: 'worker', endpoint: results[0].endpoint, text: `${commandType}: ${foreign}`, evidence });
      if (foreign && !failed) {
        throw new CheckFailure({ message: `${commandType}: ${foreign}`, expected: 'every command transaction signed by the one backend ledger identity', received: foreign, evidence, measurements });
      }
      if (failed) {
        // Each problem under the rule it names at its end ("(MAP-1)"); the rest are the round trip's own (CMD-3: the effect shows once projected).
        for (const p of failed.problems) {
          const rule = /\((MAP-1|VAL-2|CMD-\d|PROJ-\d+|OUT-\d+|§7\.3|§8\.2|§7\.2)\)$/.exec(p)?.[1];
          ctx.findings.add({ rule: rule && !rule.startsWith('§') ? rule : 'CMD-3', endpoint: failed.endpoint, text: `${commandType}: ${p}`, evidence: failed.evidence });
        }
        throw new CheckFailure({
          message: `${commandType} (${failed.endpoint}, command ${failed.commandId ?? '-'}): ${failed.problems.join('; ')}`,
          expected: 'PENDING → COMMITTED with fabricTxId and commitBlock, a VALID ledger transaction, its events, and the §8.2 read-model effect',
          received: `states ${failed.trail || '-'}; events ${failed.events.map((e) => e.name).join(', ') || '-'}`,
          evidence: failed.evidence, measurements,
        });
      }
      if (results.every((r) => r.row?.status !== 'COMMITTED')) {
        return pass({ message: `the ledger refused it as §7.2 requires here; the row recorded the failed attempt (${results[0].row?.errorCode ?? ''}) and never committed`, measurements, evidence });
      }
      const ledger = results.every((r) => r.ledgerChecked) ? 'ledger transaction and events confirmed' : 'ledger confirmation skipped: the profile has no `fabric` section';
      return pass({ message: `${results.length} round trip(s): outbox COMMITTED, ${ledger}, read model exact`, measurements, evidence });
    },
  });
}

/**
 * CMD-5: every command transaction is signed by the backend's own ledger identity, whoever it acts
 * for. Across the scenario's transactions (many users, every service) one signer holds the
 * majority; a transaction of this command signed by another identity breaks the rule. Null when
 * there is no clear majority to hold it against.
 */
function foreignSigner(scenario: { results: Map<string, RoundTripResult[]> }, mine: readonly RoundTripResult[]): string | null {
  const counts = new Map<string, number>();
  const all = [...scenario.results.values()].flat().map((r) => r.signer).filter((s): s is string => typeof s === 'string');
  for (const s of all) counts.set(s, (counts.get(s) ?? 0) + 1);
  const [backend, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  if (!backend || n * 2 <= all.length) return null;
  const other = mine.find((r) => typeof r.signer === 'string' && r.signer !== backend)?.signer;
  const short = (s: string) => `${s.split(':')[0]} certificate ${s.split(':')[1].slice(0, 16)}…`;
  return other ? `its ledger transaction is signed by ${short(other)}, not by ${short(backend)} that signed ${n} of the ${all.length} command transactions` : null;
}

export const commandChecks: CheckDef[] = API_COMMANDS.map((c) => commandCheck(c.commandType, c.endpoint));
