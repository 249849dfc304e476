import type { MutantSite } from './enumerate';

/**
 * Survivors that are equivalent mutants — no behaviour a client, the read model or the ledger can
 * observe changes — each with the reason. A survivor that matches none of these is a gap of the
 * suite and is listed as such.
 */
export interface Equivalence { reason: string; matches(m: MutantSite): boolean }

/**
 * Parameters and constants that carry a fault switch into code (true only while that fault is on:
 * the call sites pass `faults.isOn(…)`). Code behind one of them is fault code.
 */
const FAULT_GUARDS: Record<string, string[]> = {
  'sandbox/services/tokenomics/wallets.ts': ['newest', 'rawBigint'],
  'sandbox/services/organization/rule.ts': ['faults.lenientArrays', 'faults.groupEdgeRefused'],
  'sandbox/services/governance/proposals.ts': ['allStatuses'],
  'sandbox/services/tax/eligibility.ts': ['faults.ignoreBalance', 'faults.taxTreasury'],
  // the debug block of the debug-error faults: {} unless one of them is on
  'sandbox/services/kit/errors.ts': ['Object.keys(debug).length > 0'],
};
const guardsOf = (m: MutantSite) => FAULT_GUARDS[m.file] ?? [];

/** Functions only a fault's code calls (e.g. auth.ts's kid lookup of `jwt-kid-injection`). */
const FAULT_FUNCTIONS: Record<string, string[]> = {
  'sandbox/services/kit/auth.ts': ['kidKeyPayload'],
};

/**
 * An `if (…) {` (or its same-line statement) taken only while a fault is on: its condition asks a
 * fault switch or a fault guard, as a conjunct (no `||`, not negated).
 */
const faultCondition = (m: MutantSite, condition: string): boolean => !condition.includes('||')
  && ((/isOn\(/.test(condition) && !/!\s*[\w.?]*isOn\(/.test(condition)) || guardsOf(m).some((g) => condition.includes(g) && !condition.includes(`!${g}`)));
const inFaultBlock = (m: MutantSite): boolean => m.enclosing.some((line) => /^(?:if|} else if) \(.*\) \{$/.test(line) && faultCondition(m, line))
  || m.enclosing.some((line) => (FAULT_FUNCTIONS[m.file] ?? []).some((f) => line.startsWith(`function ${f}(`) || line.startsWith(`async function ${f}(`)));
/** `if (<fault condition>) <statement>` on one line, the mutant inside the statement. */
const afterFaultCondition = (m: MutantSite): boolean => {
  const head = /^if \((.*)\) \S/.exec(m.prefix);
  return head !== null && faultCondition(m, head[1]);
};
const behindGuard = (m: MutantSite) => guardsOf(m).some((g) =>
  m.prefix.includes(`${g} && `) || m.prefix.includes(`${g} ? `) // code behind the guard
  || m.prefix.endsWith(`${g} = `) // the guard's default value: every call site passes the switch
  || ((m.at.startsWith(`${g} `) || m.at.startsWith(`(${g} `)) && m.replacement === 'false')); // the guarded condition off: the clean behaviour

export const EQUIVALENCES: Equivalence[] = [
  {
    reason: 'fault code: in a block (or a function) that runs only while a fault is on',
    matches: (m) => inFaultBlock(m) || afterFaultCondition(m),
  },
  {
    reason: 'fault code: behind a parameter or constant that carries a fault switch (FAULT_GUARDS), it acts only while that fault is on',
    matches: behindGuard,
  },
  {
    reason: 'a fault switch: with every fault off (the clean sandbox) turning the guarded defect off again is the correct behaviour',
    matches: (m) => /faults?\??\.isOn\(|isOn\('/.test(m.source) && /^(false|"")$/.test(m.replacement),
  },
  {
    reason: 'fault-switch plumbing: `faults?.isOn` and `faults.isOn` differ only for a part started without a switchboard, which the sandbox never does',
    matches: (m) => m.mutator === 'OptionalChaining' && /faults\?\.isOn\(/.test(m.source),
  },
  {
    reason: 'the branch a fault switch selects (`isOn(…) ? <this> : …`): it runs only while that fault is on',
    matches: (m) => m.source.startsWith('? ') && /isOn\(/.test(m.before),
  },
  {
    reason: 'the sandbox control\'s service stop (a fault tool that takes one service down): no GX behaviour',
    matches: (m) => m.file.endsWith('sandbox/services/index.ts') && /if \(!server\) return;|servers\.delete\(key\)|closeAllConnections/.test(m.source),
  },
  {
    reason: 'the lenient schema a fault switch swaps in (`lenient: { fault: … }`): used only while that fault is on',
    matches: (m) => m.prefix.includes('lenient: { fault:'),
  },
  {
    reason: 'a symbol-keyed property: JSON, Object.keys and Object.entries never see it, enumerable or not',
    matches: (m) => m.mutator === 'BooleanLiteral' && /defineProperty\(\w+, [A-Z_]+, \{[^}]*enumerable: false/.test(m.source),
  },
  {
    reason: 'which of two 401 messages a request without an Authorization header gets: §0 compares messages only where a rule says so, and both are 401 E1',
    matches: (m) => m.file.endsWith('kit/auth.ts') && m.source.startsWith('if (header === undefined) throw new HttpError(401,') && m.replacement === 'false',
  },
  {
    reason: 'the wording of a readiness reason: §9 fixes the status and the check names, not the text',
    matches: (m) => m.file.endsWith('kit/health.ts') && m.mutator === 'StringLiteral' && /^\w*[mM]essage = /.test(m.source),
  },
  {
    reason: 'a header the contract leaves optional: IDEM-4 says a replay MAY carry `Idempotent-Replayed: true`',
    matches: (m) => m.file.endsWith('kit/route.ts') && m.source.includes("res.setHeader('Idempotent-Replayed'"),
  },
  {
    reason: '`scaled === null` turned false: `null <= 0n` is true in JavaScript, so the test that follows returns null all the same',
    matches: (m) => m.file.endsWith('kit/decimal.ts') && m.at.startsWith('scaled === null ||') && m.replacement === 'false'
      && m.end.line === m.start.line && m.end.column - m.start.column === 'scaled === null'.length,
  },
  {
    reason: 'the idempotency record\'s state name: only `in-progress` is ever compared, any other value reads as completed',
    matches: (m) => m.file.endsWith('kit/idempotency.ts') && m.mutator === 'StringLiteral' && m.at.startsWith("'completed'"),
  },
  {
    reason: 'a request without an idempotency key storing its answer anyway: under no key a later request reads',
    matches: (m) => m.file.endsWith('kit/idempotency.ts') && m.source === 'if (this.storeKey === null) return;' && m.replacement === 'false',
  },
  {
    reason: 'log text or log fields: logs are judged by the secrets scan, not by their wording',
    matches: (m) => /\b(?:deps\.)?log\(|logger\.|console\./.test(m.source),
  },
  {
    reason: 'a packaging guard of the migration runner (file names, version order, checksum of an applied file): every sandbox migrates a fresh database from the packaged files, so no deployment behaviour depends on it',
    matches: (m) => m.file.endsWith('sandbox/db/migrate.ts') && /FILE_NAME|match\b|version !== i \+ 1|Migration versions|checksum !== |was changed after|\.sort\(\(a, b\) => a\.version - b\.version\)/.test(m.source),
  },
  {
    reason: 'the migration runner\'s bookkeeping around a run (the applied-versions query, the labels, the transaction and advisory lock): one runner migrating a fresh database, as every sandbox does, ends with the same schema',
    matches: (m) => m.file.endsWith('sandbox/db/migrate.ts') && m.mutator === 'StringLiteral'
      && /SELECT "version", "checksum"|const label = |client\.query\('BEGIN'\)|pg_advisory_unlock/.test(m.source),
  },
  {
    reason: 'the migration runner\'s own report (which files it applied): printed at boot, never served; the applied schema is what the database checks read',
    matches: (m) => m.file.endsWith('sandbox/db/migrate.ts') && /result\.(applied|alreadyApplied)|applied: \[\], alreadyApplied: \[\]/.test(m.source),
  },
  {
    reason: 'the description of a fault switch, never sent to a client',
    matches: (m) => /breaks:|description:/.test(m.source) && m.mutator === 'StringLiteral',
  },
];

export function equivalenceOf(m: MutantSite): string | null {
  return EQUIVALENCES.find((e) => e.matches(m))?.reason ?? null;
}
