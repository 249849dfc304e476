import { describe, expect, it } from 'vitest';
import { endpointById } from '../../src/catalog/index';
import { maskCredentials, redactedAuthorization, type HttpExchange } from '../../src/clients/http';
import { messagePattern } from '../../suites/integration/contract/errors';
import { forbiddenKeyPaths } from '../../suites/integration/contract/forbidden';
import { envelopeProblem } from '../../suites/integration/support/envelope';
import { LEAK_PATTERNS } from '../../suites/integration/validation/error-leak';
import { bodyCandidates, MISSING, shapeOf } from '../../suites/integration/validation/fields';

const exchange = (status: number, body: unknown, type = 'application/json; charset=utf-8'): HttpExchange => ({
  status, headers: { 'content-type': type }, text: JSON.stringify(body), body, durationMs: 1, evidence: {},
});

describe('integration helpers', () => {
  it('judges the E1 envelope by status, reason phrase, message and content type', () => {
    expect(envelopeProblem(exchange(401, { error: 'Unauthorized', message: 'No authorization header provided' }), [401])).toBeNull();
    expect(envelopeProblem(exchange(404, { statusCode: 404, msg: 'x' }), [404])).toMatch(/error field/);
    expect(envelopeProblem(exchange(200, { ok: true }), [401])).toMatch(/status 200/);
    expect(envelopeProblem(exchange(400, { error: 'Bad Request', message: 'x' }, 'text/html'), [400])).toMatch(/content-type/);
    expect(envelopeProblem(exchange(400, { error: 'Bad Request', message: 'Malformed JSON in request body at 12' }), [400], 'Malformed JSON in request body')).toBeNull();
  });

  it('turns documented messages with placeholders into patterns', () => {
    expect(messagePattern('Treasury wallet not found for country: <CC>').test('Treasury wallet not found for country: QZ')).toBe(true);
    expect(messagePattern('Wallet not found').test('User not found')).toBe(false);
  });

  it('finds secret keys at any depth', () => {
    expect(forbiddenKeyPaths({ user: { passwordHash: 'x', list: [{ biometricHash: 'y' }] } })).toEqual(['$.user.passwordHash', '$.user.list[0].biometricHash']);
    expect(forbiddenKeyPaths({ user: { email: 'a@b.c' } })).toEqual([]);
  });

  it('keeps credentials out of evidence it writes itself', () => {
    expect(redactedAuthorization('Bearer abc.def.ghi')).toBe('Bearer <redacted>');
    expect(redactedAuthorization('abc')).toBe('<redacted>');
    const masked = maskCredentials('{"refreshToken":"eyJhbGciOiJI.eyJwcm9maWxlSWQ.c2ln","password":"hunter22","email":"a@b.c"}');
    expect(masked).not.toMatch(/hunter22|eyJhbGciOiJI/);
    expect(masked).toContain('"email":"a@b.c"');
  });

  it('generates the same fuzz candidates for the same seed, and the oracle keeps only invalid ones', () => {
    const transfer = endpointById('#1');
    const shape = shapeOf(transfer.request.body)!;
    const first = bodyCandidates(shape.amount, 2);
    expect(bodyCandidates(shape.amount, 2)).toEqual(first);
    const body = transfer.example({ users: { userA: { profileId: 'a' }, userB: { profileId: 'b' } }, namespace: 'n' } as never).body as Record<string, unknown>;
    const invalid = first.filter((v) => {
      const next = { ...body };
      if (v === MISSING) delete next.amount; else next.amount = v;
      return !transfer.request.body!.safeParse(next).success;
    });
    for (const bad of ['abc', '0', '-5', '1.0000000001', 'NaN', 'false', MISSING]) expect(invalid).toContain(bad);
    expect(first).toContain(1);
    expect(invalid).not.toContain(1); // a valid amount is never sent as "invalid"
  });

  it('recognises leaked internals but not ordinary E1 messages', () => {
    const leaky = ['invalid input syntax for type integer: "x"', 'at Object.<anonymous> (/app/src/index.ts:12:5)', 'relation "Wallet" does not exist', 'invalid byte sequence for encoding "UTF8": 0x00'];
    for (const text of leaky) expect(LEAK_PATTERNS.some(([, re]) => re.test(text)), text).toBe(true);
    for (const text of ['Wallet not found', 'Invalid country code', 'Route GET /api/v1/x not found', 'Amount must be greater than 0']) {
      expect(LEAK_PATTERNS.some(([, re]) => re.test(text)), text).toBe(false);
    }
  });
});
