/**
 * Mutation score of the suite (issue 10 item 8): StrykerJS mutates a seeded sample of the
 * sandbox's route handlers, service kit, workers and migration code and, through its command
 * runner, asks the part's judge (scripts/mutation/judge.ts: one instrumented sandbox, mutants
 * switched on one at a time, each judged by the checks that run its code) for each verdict. Prints
 * killed / survived / timed out / equivalent (with the reason) and where each survivor is.
 * Bounded by --sample and --time-limit; a benchmark, never part of CI.
 *   npx tsx scripts/bench-mutation.ts --sample 120 [--seed 20261210] [--time-limit 90] [--parts handlers,kit]
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { ask } from './mutation/judge-client';
import { listMutants, type MutantSite } from './mutation/enumerate';
import { equivalenceOf } from './mutation/equivalent';
import { PARTS, type Part } from './mutation/parts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const SAMPLE = Number(arg('sample', '120'));
const SEED = Number(arg('seed', '20261210'));
const LIMIT_MS = Number(arg('time-limit', '90')) * 60_000;
const CHOSEN = arg('parts', PARTS.map((p) => p.name).join(',')).split(',');
/** Share of the sample per part: handlers and kit carry most of the contract's behaviour. */
const SHARE: Record<string, number> = { handlers: 0.35, kit: 0.35, workers: 0.2, migrations: 0.1 };

/** mulberry32: a seeded shuffle, so a sample is reproducible from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const place = (m: MutantSite) => `${m.file}:${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column}`;
const inside = (a: MutantSite, b: MutantSite) => a.file === b.file && a !== b && place(a) !== place(b)
  && (a.start.line > b.start.line || (a.start.line === b.start.line && a.start.column >= b.start.column))
  && (a.end.line < b.end.line || (a.end.line === b.end.line && a.end.column <= b.end.column));

/**
 * Stryker selects mutants by location range, and a range pulls in every mutant inside it. So the
 * sample is drawn from leaf locations (no other mutant inside; a whole removed block is not one),
 * location by location — the 1–3 mutants at one place (`a === b` → true, false, `!==`) come
 * together — until it holds n mutants.
 */
function sample(all: MutantSite[], n: number, random: () => number): MutantSite[] {
  const byPlace = new Map<string, MutantSite[]>();
  for (const m of all) byPlace.set(place(m), [...(byPlace.get(place(m)) ?? []), m]);
  const leaves = [...byPlace.values()].filter(([m]) => !all.some((o) => inside(o, m)));
  for (let i = leaves.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [leaves[i], leaves[j]] = [leaves[j], leaves[i]];
  }
  const chosen: MutantSite[] = [];
  for (const group of leaves) {
    if (chosen.length >= n) break;
    chosen.push(...group);
  }
  return chosen;
}

interface Outcome { site: MutantSite; status: string; detail: string }

/** The judge's last word per mutant id (its log lines read `<time> <id>: <verdict> in <n> s — <detail>`). */
function judgeVerdicts(logFile: string): Map<string, string> {
  const said = new Map<string, string>();
  if (!existsSync(logFile)) return said;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = /^\S+ (\S+): \w+ in \d+ s — (.*)$/.exec(line);
    if (m) said.set(m[1], m[2]);
  }
  return said;
}
const key = (file: string, line: number, column: number) => `${file}:${line}:${column}`;

async function runPart(part: Part, chosen: MutantSite[], all: MutantSite[]): Promise<Outcome[]> {
  const mutate = [...new Set(chosen.map(place))];
  // The judge lives as long as the part: it boots once in Stryker's sandbox directory.
  const socket = `/tmp/gxv-judge-${process.pid}-${part.name}.sock`;
  const stryker = new Stryker({
    mutate,
    testRunner: 'command',
    commandRunner: { command: `npx tsx scripts/mutation/judge-client.ts ${part.name} ${socket}` },
    coverageAnalysis: 'off',
    // One judge, one sandbox: mutants are switched on one at a time.
    concurrency: 1,
    timeoutMS: 60_000,
    timeoutFactor: 2,
    // The json report is a by-product; this script prints its own summary from the results.
    reporters: ['json'],
    jsonReporter: { fileName: `.stryker-tmp/mutation-${part.name}.json` },
    logLevel: 'error' as never,
    fileLogLevel: 'off' as never,
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    ignorePatterns: ['reports', '.gx-verify', '.scratch-*', '.tmp-*', 'test-results', 'playwright-report'],
    plugins: [],
  });
  let results: Awaited<ReturnType<Stryker['runMutationTest']>>;
  try {
    results = await stryker.runMutationTest();
  } finally {
    await ask(socket, { stop: true }).catch(() => undefined);
    for (const suffix of ['', '.coverage.json']) rmSync(`${socket}${suffix}`, { force: true });
    process.stdout.write(`  (judge log: ${socket}.log)\n`);
  }
  const said = judgeVerdicts(`${socket}.log`);
  // Mutants can share a start and a replacement (`a === null || b` and `a === null` both → false): the end tells them apart.
  const byPlace = new Map(all.map((m) => [`${key(m.file, m.start.line, m.start.column)}-${m.end.line}:${m.end.column}${m.replacement}`, m]));
  return results.map((r) => {
    const file = path.relative(process.cwd(), r.fileName);
    // Stryker's report positions are 1-based lines and columns; the enumeration's columns are 0-based.
    const at = (shift: number) => `${key(file, r.location.start.line, r.location.start.column - shift)}-${r.location.end.line}:${r.location.end.column - shift}${r.replacement}`;
    const site = byPlace.get(at(1)) ?? byPlace.get(at(0)) ?? {
      file, mutator: r.mutatorName, replacement: r.replacement ?? '',
      start: { line: r.location.start.line, column: r.location.start.column }, end: { line: r.location.end.line, column: r.location.end.column }, source: '', before: '', prefix: '', at: '', enclosing: [],
    };
    const equivalent = r.status === 'Survived' ? equivalenceOf(site) : null;
    return { site, status: equivalent ? 'Equivalent' : r.status, detail: equivalent ?? said.get(r.id) ?? r.statusReason ?? '' };
  });
}

const started = Date.now();
const random = rng(SEED);
const parts = PARTS.filter((p) => CHOSEN.includes(p.name));
const outcomes: Outcome[] = [];
const skippedParts: string[] = [];
for (const part of parts) {
  const all = await listMutants(part.files);
  const n = Math.max(1, Math.round(SAMPLE * (SHARE[part.name] ?? 0) / parts.reduce((s, p) => s + (SHARE[p.name] ?? 0), 0)));
  const chosen = sample(all, n, random);
  if (Date.now() - started > LIMIT_MS) { skippedParts.push(`${part.name} (${n} mutants: time limit reached)`); continue; }
  process.stdout.write(`${part.name}: ${chosen.length} of ${all.length} mutants sampled (seed ${SEED}) …\n`);
  let got: Outcome[];
  try {
    got = await runPart(part, chosen, all);
  } catch (error) {
    // Stryker refuses to start when the unmutated run is red: report it, go on with the other parts.
    skippedParts.push(`${part.name} (${chosen.length} mutants: ${(error as Error).message.split('\n')[0]})`);
    continue;
  }
  for (const o of got) outcomes.push(o);
  const count = (s: string) => got.filter((o) => o.status === s).length;
  process.stdout.write(`${part.name}: ${got.length} tested, killed ${count('Killed')}, timed out ${count('Timeout')}, survived ${count('Survived')}, equivalent ${count('Equivalent')} (${Math.round((Date.now() - started) / 1000)} s so far)\n`);
}

const count = (s: string) => outcomes.filter((o) => o.status === s).length;
const errors = outcomes.filter((o) => !['Killed', 'Timeout', 'Survived', 'Equivalent'].includes(o.status));
const detected = count('Killed') + count('Timeout');
const judged = detected + count('Survived');
/** Survivors whose code no check ran (Stryker's NoCoverage): they count as survivors. */
const uncovered = outcomes.filter((o) => o.status === 'Survived' && o.detail.startsWith('no coverage')).length;
process.stdout.write(`\nMutation score: ${judged > 0 ? ((100 * detected) / judged).toFixed(1) : 'n/a'} % of ${judged} non-equivalent mutants killed `
  + `(killed ${count('Killed')}, timed out ${count('Timeout')}, survived ${count('Survived')} of which ${uncovered} with no coverage, equivalent ${count('Equivalent')}, `
  + `not run ${errors.length}); ${outcomes.length} tested in ${Math.round((Date.now() - started) / 60_000)} min, seed ${SEED}\n`);
if (skippedParts.length) process.stdout.write(`Not run: ${skippedParts.join('; ')}\n`);
const line = (o: Outcome) => `  ${o.site.file}:${o.site.start.line}:${o.site.start.column} ${o.site.mutator} → ${o.site.replacement.slice(0, 60)}  | ${o.site.source.slice(0, 100)}`;
if (count('Survived')) process.stdout.write(`\nSurvivors (gaps of the suite):\n${outcomes.filter((o) => o.status === 'Survived').map((o) => `${line(o)}\n      ${o.detail}`).join('\n')}\n`);
if (count('Equivalent')) process.stdout.write(`\nEquivalent (survived, no observable change):\n${outcomes.filter((o) => o.status === 'Equivalent').map((o) => `${line(o)}\n      ${o.detail}`).join('\n')}\n`);
if (errors.length) process.stdout.write(`\nNot run (${[...new Set(errors.map((o) => o.status))].join(', ')}):\n${errors.map((o) => `${line(o)}  ${o.detail}`).join('\n')}\n`);
