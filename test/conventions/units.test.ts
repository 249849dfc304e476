import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { blockNumber, count, money, timestamp } from '../../src/catalog/primitives';
import { topLevelNumberLiterals } from '../../sandbox/services/kit/number-literals';
import { hasSerFields, serProblems } from '../../suites/integration/conventions/ser-shape';

/** The pure parts of the convention checks and of the sandbox's VAL-5 reading. */
describe('§11 fields read along a response schema', () => {
  const schema = z.looseObject({
    list: z.array(z.looseObject({ amount: money, at: timestamp, block: blockNumber, n: count, ok: z.boolean() })),
    approvedAt: timestamp.nullish(),
  });

  it('a conforming answer has no problems; null block numbers and absent nullish fields are fine', () => {
    const item = { amount: '10.5', at: '2025-01-31T12:00:00.000Z', block: null, n: 3, ok: true };
    expect(serProblems(schema, { list: [item, { ...item, block: '42' }] })).toEqual([]);
  });

  it('each breach is named once per field path with its rule, counting the items', () => {
    const bad = { amount: 10.5, at: '2025-01-31T12:00:00Z', block: 42, n: '3', ok: 'true' };
    const found = serProblems(schema, { list: [bad, bad], approvedAt: '2025-01-31T12:00:00.000+01:00' });
    expect(found.map((f) => [f.rule, f.path])).toEqual([
      ['SER-2', 'list[].amount'], ['SER-4', 'list[].at'], ['SER-3', 'list[].block'], ['SER-5', 'list[].n'], ['SER-5', 'list[].ok'], ['SER-4', 'approvedAt'],
    ]);
    expect(found[0].text).toMatch(/list\[\]\.amount is 10\.5 \(JSON number\), expected a decimal string .*\(in 2 items\)/);
  });

  it('money with an exponent, a sign or 10 fraction digits is not SER-2', () => {
    for (const amount of ['1e3', '+1', '1.0000000001']) expect(serProblems(z.object({ amount: money }), { amount })).toHaveLength(1);
  });

  it('a 202 command answer has no §11 field to judge', () => {
    expect(hasSerFields(z.looseObject({ commandId: z.string(), message: z.literal('x') }))).toBe(false);
    expect(hasSerFields(schema)).toBe(true);
  });
});

describe('number literals of a JSON body (sandbox VAL-5)', () => {
  it('keeps the literal of each top-level number, not of nested ones or of numbers inside strings', () => {
    const text = '{"amount": 12345678901234567.123456789, "nested": {"amount": 1}, "s": "x:1,\\"y\\":2", "list": [1, 2], "z" : -3e5}';
    expect(topLevelNumberLiterals(text)).toEqual({ amount: '12345678901234567.123456789', z: '-3e5' });
  });
});
