import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOf } from '../../scripts/mutation/selection';
import { activate, perTestCoverage, setCurrentTest, staticCoverage } from '../../scripts/mutation/switch';

/**
 * The judge's premise: code instrumented by StrykerJS changes behaviour when `activeMutant` is
 * switched at run time (no reload), and its coverage is counted per current test.
 */
const quiet = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };
const dir = mkdtempSync(path.join(os.tmpdir(), 'gxv-switch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A module instrumented with every mutant StrykerJS makes in it, loaded from a temp file. */
async function instrumented<T>(name: string, source: string) {
  const result = await new Instrumenter(quiet as never).instrument(
    [{ name: `${name}.js`, content: source, mutate: true }], { plugins: null, excludedMutations: [], ignorers: [] });
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, result.files[0].content);
  return { module: await import(pathToFileURL(file).href) as T, mutants: result.mutants };
}

describe('mutation switching', () => {
  it('switches an instrumented mutant on and off at run time and counts coverage per test', async () => {
    const { module, mutants } = await instrumented<{ adult(age: number): boolean }>('adult', 'export function adult(age) { return age >= 18; }\nexport const loaded = 1 + 1;\n');
    const { adult } = module;
    const boundary = mutants.find((m) => m.mutatorName === 'EqualityOperator' && m.replacement.includes('>'))!;
    const atLoad = mutants.find((m) => m.replacement.includes('1 - 1'))!;

    expect(adult(18)).toBe(true);
    activate(boundary.id);
    expect(adult(18)).toBe(false);
    activate(undefined);
    expect(adult(18)).toBe(true);

    setCurrentTest('INT-AGE');
    adult(30);
    setCurrentTest(undefined);
    expect(perTestCoverage().get('INT-AGE')?.has(boundary.id)).toBe(true);
    // Module-level code ran once, outside any test: only a fresh process can judge it.
    expect(staticCoverage().has(atLoad.id)).toBe(true);
    expect(perTestCoverage().get('INT-AGE')?.has(atLoad.id)).toBe(false);
  });

  it('the hit limit stops a mutant that would loop forever', async () => {
    const { module, mutants } = await instrumented<{ count(n: number): number }>('count', 'export function count(n) { let i = 0; while (i < n) { i++; } return i; }\n');
    const { count } = module;
    const forever = mutants.find((m) => m.mutatorName === 'UpdateOperator')!; // i-- never reaches n
    activate(forever.id, 1_000);
    try {
      expect(() => count(3)).toThrow(/Hit count limit/);
    } finally {
      activate(undefined);
    }
    expect(count(3)).toBe(3);
  });

  it('maps a per-region execution back to its check', () => {
    const ids = ['INT-X', 'INT-X-Y', 'SEC-Z'];
    expect(checkOf('INT-X', ids)).toBe('INT-X');
    expect(checkOf('INT-X-Y', ids)).toBe('INT-X-Y');
    expect(checkOf('INT-X-local', ids)).toBe('INT-X');
    expect(checkOf('SEC-Z-eu', ids)).toBe('SEC-Z');
    expect(checkOf('OTHER', ids)).toBeUndefined();
  });
});
