import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/evidence/types';
import { progressPrinter } from '../../src/run/progress';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, s: { isTTY, write: (c: string) => { chunks.push(c); return true; } } as unknown as NodeJS.WriteStream };
}

const result = (id: string, status: CheckResult['status'], message = ''): CheckResult => ({
  id, layer: 'security', title: id, status, criteria: [], region: null, endpoint: null, durationMs: 1, message, measurements: {}, evidence: [],
});

describe('progress printer', () => {
  it('prints one plain line per check off a TTY: layer, done/total, failures so far, and why', () => {
    const { chunks, s } = stream(false);
    const print = progressPrinter(s);
    print({ type: 'start', total: 2 });
    print({ type: 'check-start', id: 'A', layer: 'security' });
    print({ type: 'check-done', result: result('A', 'pass'), done: 1, total: 2, failures: 0 });
    print({ type: 'check-done', result: result('B', 'fail', 'HSTS missing\nmore'), done: 2, total: 2, failures: 1 });
    print({ type: 'finish', done: 2, total: 2, failures: 1 });
    expect(chunks).toEqual([
      'gx-verify: 2 checks to run\n',
      '[security] 1/2 checks, 0 failing | A pass\n',
      '[security] 2/2 checks, 1 failing | B fail HSTS missing\n',
      'gx-verify: 2/2 checks done, 1 failing\n',
    ]);
  });

  it('rewrites one line in place on a TTY', () => {
    const { chunks, s } = stream(true);
    const print = progressPrinter(s);
    print({ type: 'check-start', id: 'A', layer: 'integration' });
    print({ type: 'check-done', result: result('A', 'error', 'boom'), done: 1, total: 3, failures: 1 });
    expect(chunks[0]).toBe('\r\x1b[2K[integration] 1/3 checks, 1 failing (A: error)');
    expect(chunks[0]).not.toContain('\n');
  });
});
