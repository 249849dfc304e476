import { CheckFailure, defineCheck, pass, skip, type CheckDef } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { API_COMMANDS } from './support/functions';
import { summarize } from './support/stats';
import { WRITE_PATH } from './write-path';
import { commandScenario, PAUSE_ITEMS, pauseScenario, SCENARIO_ITEMS } from './scenario';

export const CMD_CRITERIA = ['IT-FAB-1', 'IT-FAB-2', 'IT-FAB-3', 'IT-FAB-4'];
const EXCLUSIVE = new Set(['PAUSE_SYSTEM', 'RESUME_SYSTEM']);
/** What every round trip judges (support/roundtrip.ts). */
const ROUND_TRIP_RULES = ['CMD-1', 'CMD-2', 'CMD-3', 'CMD-4', 'MAP-1', 'VAL-2', 'OUT-1', 'OUT-5', 'PROJ-2', 'PROJ-3', 'PROJ-11'];
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
    rules: [...ROUND_TRIP_RULES, ...(EFFECT_RULES[commandType] ?? [])],
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

export const commandChecks: CheckDef[] = API_COMMANDS.map((c) => commandCheck(c.commandType, c.endpoint));
