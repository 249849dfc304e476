/**
 * StrykerJS's mutation switching, seen from inside the process that runs the instrumented code:
 * every mutant is compiled in, `__stryker__.activeMutant` picks the one that acts, and
 * `__stryker__.mutantCoverage` counts which mutants' code ran — per test while `currentTestId` is
 * set, under `static` otherwise. (The names are Stryker's INSTRUMENTER_CONSTANTS.)
 */
interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  hitCount?: number;
  hitLimit?: number;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

const ns = (): StrykerNamespace => {
  const g = globalThis as { __stryker__?: StrykerNamespace };
  return (g.__stryker__ ??= {});
};

/** Mutant ids whose code has run so far outside any test (module load, boot, background work). */
export function staticCoverage(): Map<string, number> {
  return new Map(Object.entries(ns().mutantCoverage?.static ?? {}));
}

/** Mutant ids whose code ran while each test (check id) was the current one. */
export function perTestCoverage(): Map<string, Set<string>> {
  return new Map(Object.entries(ns().mutantCoverage?.perTest ?? {}).map(([test, hits]) => [test, new Set(Object.keys(hits))]));
}

export function setCurrentTest(id: string | undefined): void {
  ns().currentTestId = id;
}

/**
 * Turns one mutant on (or all off with `undefined`). The hit limit turns a mutant that loops
 * forever into a thrown error, so one mutant cannot hang the judge (what Stryker's own runners do).
 */
export function activate(mutant: string | undefined, hitLimit = 5_000_000): void {
  const s = ns();
  s.activeMutant = mutant;
  s.hitCount = mutant === undefined ? undefined : 0;
  s.hitLimit = mutant === undefined ? undefined : hitLimit;
}
