/**
 * The mutation benchmark's judge: one long-lived process that runs StrykerJS's instrumented copy of
 * the sandbox (every sampled mutant compiled in) and judges mutant after mutant by switching
 * `__stryker__.activeMutant` — one sandbox boot for the whole part instead of one per mutant.
 *
 * The dry run runs the part's checks one at a time and records which mutants' code each check runs
 * (Stryker's per-test coverage). A mutant is then judged by the checks that run its code (plus the
 * `after` inspectors, which judge every exchange), or by every check when its code runs in the
 * background (workers). Code that runs only while the sandbox boots cannot be switched on later:
 * such a mutant gets a sandbox of its own (run-checks.ts, the variable set before the boot). Code no
 * check runs is reported as surviving with "no coverage" — nothing in the suite could catch it.
 *
 * A red check kills a mutant only when it is red twice with the mutant on and green again with it
 * off; a sandbox left spoiled is replaced and the mutant judged once more on a fresh one.
 *   npx tsx scripts/mutation/judge.ts <part> <socket>      (started by judge-client.ts)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { CheckResult } from '../../src/evidence/types';
import { startHarness, type IntegrationHarness } from '../../test/integration/harness';
import { partNamed } from './parts';
import { afterPhase, checkOf, checksFor, firstLine, isRed, patient } from './selection';
import { activate, perTestCoverage, setCurrentTest, staticCoverage } from './switch';
import type { JudgeRequest, Verdict } from './judge-protocol';

const [partName, socketPath] = process.argv.slice(2);
const part = partNamed(partName ?? '');
const ids = checksFor(part);
const inspectors = afterPhase(ids);
/** The judge stops by itself when the benchmark is gone. */
const IDLE_MS = 20 * 60_000;

/** Which mutants' code ran: while the sandbox booted, in the background, and per check. */
interface Coverage { boot: string[]; background: string[]; byCheck: Record<string, string[]> }
const coveragePath = `${socketPath}.coverage.json`;
let coverage: Coverage | null = existsSync(coveragePath) ? JSON.parse(readFileSync(coveragePath, 'utf8')) as Coverage : null;

let harness: IntegrationHarness | null = null;
let boots = 0;
let bootHits: string[] | null = null;
const say = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

async function sandbox(): Promise<IntegrationHarness> {
  if (!harness) {
    harness = await startHarness(`gxv-judge-${process.pid}-${++boots}`, { ledger: part.ledger });
    bootHits ??= [...staticCoverage().keys()];
  }
  return harness;
}

async function freshSandbox(): Promise<IntegrationHarness> {
  await harness?.stop().catch(() => undefined);
  harness = null;
  return sandbox();
}

/** Runs checks and returns every result; `recordCoverage` counts each check's coverage under its own id. */
async function runChecks(chosen: readonly string[], opts: { recordCoverage?: boolean } = {}) {
  const sb = await sandbox();
  const results = await sb.run(chosen, {
    concurrency: opts.recordCoverage ? 1 : 3,
    target: patient(sb.target),
    onEvent: opts.recordCoverage ? (e) => {
      if (e.type === 'check-start') setCurrentTest(checkOf(e.id, ids));
      else if (e.type === 'check-done') setCurrentTest(undefined);
    } : undefined,
  });
  return [...results.values()];
}

/** The red results that speak about the mutant (see `isInspector`). */
const redOf = (results: readonly CheckResult[]) => results.filter((r) => isRed(r) && !(isInspector(r.id) && r.status !== 'fail'));

/**
 * An inspector run beside a few covering checks may find no exchange of its kind to judge: that
 * is the selection's doing, not the mutant's, so only an inspector's finding (`fail`) is red.
 */
const isInspector = (executionId: string) => inspectors.includes(checkOf(executionId, ids) ?? '');

/** The checks to run again to see a red result twice: an inspector needs the exchanges it judged. */
function again(red: readonly { id: string }[], chosen: readonly string[]): string[] {
  const redIds = new Set(red.map((r) => checkOf(r.id, ids) ?? r.id));
  const needsExchanges = inspectors.some((id) => redIds.has(id));
  return chosen.filter((id) => redIds.has(id) || (needsExchanges && !inspectors.includes(id)));
}

async function dryRun(): Promise<Verdict> {
  await sandbox();
  const before = staticCoverage();
  const results = await runChecks(ids, { recordCoverage: true });
  const red = results.filter(isRed);
  const statuses = [...new Set(results.map((r) => r.status))].map((s) => `${results.filter((r) => r.status === s).length} ${s}`).join(', ');
  const after = staticCoverage();
  coverage = {
    boot: bootHits ?? [],
    background: [...after].filter(([m, n]) => n > (before.get(m) ?? 0)).map(([m]) => m),
    byCheck: Object.fromEntries([...perTestCoverage()].map(([check, hits]) => [check, [...hits]])),
  };
  writeFileSync(coveragePath, JSON.stringify(coverage));
  if (red.length > 0) return { verdict: 'red', detail: `unmutated sandbox red: ${red.map(firstLine).join('; ')}` };
  const covered = new Set([...coverage.background, ...Object.values(coverage.byCheck).flat()]);
  return { verdict: 'green', detail: `${ids.length} checks green (${statuses}); ${covered.size} mutants run by a check or in the background, ${coverage.boot.length} at boot` };
}

/** Red twice with the mutant on (the second time only the red checks and what they judge). */
async function redWith(mutant: string, chosen: readonly string[]) {
  await (await sandbox()).reseed();
  activate(mutant);
  try {
    let red = redOf(await runChecks(chosen));
    if (red.length > 0) red = redOf(await runChecks(again(red, chosen)));
    return red;
  } finally {
    activate(undefined);
  }
}

async function stillRedWithout(red: { id: string }[], chosen: readonly string[]) {
  await (await sandbox()).reseed();
  return redOf(await runChecks(again(red, chosen)));
}

async function judge(mutant: string): Promise<Verdict> {
  if (!coverage) await dryRun();
  const cov = coverage!;
  const covering = ids.filter((id) => cov.byCheck[id]?.includes(mutant));
  const inBackground = cov.background.includes(mutant);
  if (covering.length === 0 && !inBackground) {
    if (cov.boot.includes(mutant)) return ownSandbox(mutant);
    return { verdict: 'survived', detail: 'no coverage: no check runs this code' };
  }
  const background = inBackground || part.background === true;
  const chosen = background ? ids : ids.filter((id) => covering.includes(id) || inspectors.includes(id));
  const scope = background ? 'every check (its code runs in the background)' : `${covering.length} covering checks`;
  let red = await redWith(mutant, chosen);
  if (red.length === 0) return { verdict: 'survived', detail: `${scope} green` };
  if ((await stillRedWithout(red, chosen)).length === 0) return { verdict: 'killed', detail: `by ${red.map(firstLine).join('; ')}` };
  say(`mutant ${mutant}: red also with every mutant off — a fresh sandbox, then judged again`);
  await freshSandbox();
  red = await redWith(mutant, chosen);
  if (red.length === 0) return { verdict: 'survived', detail: `${scope} green on a fresh sandbox` };
  const lasting = (await stillRedWithout(red, chosen)).length > 0;
  if (lasting) await freshSandbox();
  return { verdict: 'killed', detail: `${lasting ? 'left lasting damage on a fresh sandbox; ' : ''}by ${red.map(firstLine).join('; ')}` };
}

/** A mutant that acts only at boot: a sandbox booted with it on (Stryker's environment variable). */
function ownSandbox(mutant: string): Promise<Verdict> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/mutation/run-checks.ts', part.name], {
      env: { ...process.env, __STRYKER_ACTIVE_MUTANT__: mutant }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    child.on('exit', (code) => resolve({
      verdict: code === 0 ? 'survived' : 'killed',
      detail: `acts at boot, judged on a sandbox of its own: ${output.trim().split('\n').slice(-2).join(' ').slice(0, 400)}`,
    }));
  });
}

async function stop(code: number): Promise<never> {
  activate(undefined);
  await harness?.stop().catch(() => undefined);
  rmSync(socketPath, { force: true });
  process.exit(code);
}

let queue: Promise<unknown> = Promise.resolve();
let idle = setTimeout(() => void stop(0), IDLE_MS);

const server = net.createServer((socket) => {
  let buffer = '';
  let answered = false;
  // The client is gone before its answer (Stryker timed the mutant out): whatever the mutant left
  // running must not judge the next one.
  socket.on('close', () => { if (!answered && buffer.includes('\n')) { say('client gone mid-judgement; stopping'); void stop(3); } });
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    if (!buffer.includes('\n')) return;
    const request = JSON.parse(buffer.split('\n')[0]) as JudgeRequest;
    clearTimeout(idle);
    queue = queue.then(async () => {
      if ('stop' in request) { answered = true; socket.end(); return stop(0); }
      const { mutant } = request;
      const started = Date.now();
      const verdict = await (mutant === null ? dryRun() : judge(mutant)).catch((error: Error): Verdict => ({ verdict: 'error', detail: error.message }));
      say(`${mutant ?? 'dry run'}: ${verdict.verdict} in ${Math.round((Date.now() - started) / 1000)} s — ${verdict.detail}`);
      answered = true;
      socket.end(`${JSON.stringify(verdict)}\n`);
      idle = setTimeout(() => void stop(0), IDLE_MS);
    });
  });
});
rmSync(socketPath, { force: true });
server.listen(socketPath, () => say(`judge for ${part.name} listening on ${socketPath}: ${ids.length} checks`));
// A rejection nobody handles (a mutant's, or a request cut while stopping) is logged, not fatal: the
// checks judge the mutant, not the judge's own survival.
process.on('unhandledRejection', (error) => say(`unhandled rejection: ${(error as Error)?.message ?? String(error)}`));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
