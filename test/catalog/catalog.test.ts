import { describe, expect, it } from 'vitest';
import { CATALOG, endpointById, fillPath } from '../../src/catalog';
import { findForbiddenKeys } from '../../src/catalog/dtos';
import { envelopeFor, errorEnvelope } from '../../src/catalog/envelope';
import { SERVICE_KEYS } from '../../src/catalog/services';
import { syntheticWorld } from './world';
import { BAD_SAMPLES, QUERY_SAMPLES } from './samples';

const numbered = CATALOG.filter((e) => e.id.startsWith('#'));
const identity = CATALOG.filter((e) => e.id.startsWith('I'));
const nums = (list: typeof CATALOG) => list.map((e) => e.id).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

describe('catalog counts (contract §6.9)', () => {
  it('has 47 routes: #1..#39 and I1..I8 with keys E01..E39 / I1..I8', () => {
    expect(CATALOG).toHaveLength(47);
    expect(nums(numbered)).toEqual(Array.from({ length: 39 }, (_, i) => `#${i + 1}`));
    expect(identity.map((e) => e.id)).toEqual(['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8']);
    for (const e of numbered) expect(e.key).toBe(`E${e.id.slice(1).padStart(2, '0')}`);
    for (const e of identity) expect(e.key).toBe(e.id);
  });

  it('ids and keys are unique', () => {
    expect(new Set(CATALOG.map((e) => e.id)).size).toBe(47);
    expect(new Set(CATALOG.map((e) => e.key)).size).toBe(47);
  });

  it('23 commands among the 39, 3 among I1-I8, 2 local computations', () => {
    const commands = numbered.filter((e) => e.kind === 'command');
    expect(nums(commands)).toEqual(['#1', '#2', '#6', '#7', '#8', '#9', '#10', '#11', '#12', '#13', '#16', '#17',
      '#20', '#21', '#22', '#25', '#26', '#27', '#28', '#29', '#30', '#31', '#38']);
    expect(identity.filter((e) => e.kind === 'command').map((e) => e.id)).toEqual(['I4', 'I6', 'I7']);
    expect(nums(numbered.filter((e) => e.kind === 'local'))).toEqual(['#37', '#39']);
    expect(numbered.filter((e) => e.kind === 'query')).toHaveLength(14);
    expect(endpointById('I3').kind).toBe('revoke');
    for (const e of CATALOG) expect(Boolean(e.commandType)).toBe(e.kind === 'command');
  });

  it('12 public of the 39, 27 with a token, 15 with a role gate', () => {
    expect(nums(numbered.filter((e) => e.access === 'public'))).toEqual(
      ['#4', '#14', '#15', '#23', '#24', '#32', '#33', '#34', '#35', '#36', '#37', '#39']);
    expect(numbered.filter((e) => e.access !== 'public')).toHaveLength(27);
    expect(nums(numbered.filter((e) => e.roles !== null))).toEqual(
      ['#2', '#6', '#7', '#10', '#11', '#17', '#22', '#25', '#26', '#27', '#28', '#29', '#30', '#31', '#38']);
  });

  it('roles and ownership follow §3.4 and §3.5', () => {
    for (const id of ['#2', '#25', '#26', '#27', '#28', '#29', '#30', '#31']) expect(endpointById(id).roles).toEqual(['SUPER_ADMIN']);
    for (const id of ['#6', '#7', '#17', '#22', '#38', '#10', '#11']) expect(endpointById(id).roles).toEqual(['ADMIN', 'SUPER_ADMIN']);
    expect(endpointById('#10').ownership?.kind).toBe('stakeholder');
    expect(endpointById('#18').ownership).toEqual({ kind: 'path', param: 'borrowerId', message: 'You can only view your own loans' });
    expect(endpointById('#1').ownership).toMatchObject({ kind: 'body', field: 'fromUserId' });
    expect(endpointById('#8').ownership).toMatchObject({ kind: 'body-array', field: 'stakeholderIds' });
    expect(endpointById('#19').ownership?.kind).toBe('borrower');
    for (const id of ['I5', 'I6', 'I7', 'I8']) expect(endpointById(id).ownership).toMatchObject({ kind: 'path', param: 'id' });
    // the ownership message is one of the route's documented 403s (or #19's 404)
    for (const e of CATALOG.filter((x) => x.ownership)) {
      expect(e.errors.some((d) => d.message === e.ownership!.message)).toBe(true);
    }
  });

  it('every service is covered and paths are unique per service and method', () => {
    expect(new Set(CATALOG.map((e) => e.service))).toEqual(new Set(SERVICE_KEYS));
    const routes = CATALOG.map((e) => `${e.service} ${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('endpointById finds by id and key and throws on unknown ids', () => {
    expect(endpointById('#12').path).toBe('/api/v1/organizations/:orgId/transactions');
    expect(endpointById('E12')).toBe(endpointById('#12'));
    expect(() => endpointById('#40')).toThrow(/unknown endpoint/);
  });
});

describe('examples', () => {
  const world = syntheticWorld();
  for (const e of CATALOG) {
    it(`${e.id} example is valid for its own request schemas`, () => {
      const ex = e.example(world);
      const params = [...e.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      expect(Object.keys(ex.params ?? {}).sort()).toEqual([...params].sort());
      expect(() => fillPath(e.path, ex.params)).not.toThrow();
      if (e.request.params) expect(e.request.params.safeParse(ex.params ?? {}).error).toBeUndefined();
      if (e.request.query) expect(e.request.query.safeParse(ex.query ?? {}).error).toBeUndefined();
      if (e.request.body) expect(e.request.body.safeParse(ex.body).error).toBeUndefined();
      else expect(ex.body).toBeUndefined();
      if (e.access === 'public') expect(ex.as).toBeNull();
      else {
        expect(ex.as).not.toBeNull();
        if (e.roles) expect(e.roles).toContain(world.users[ex.as!].role);
      }
      if (e.ownership?.kind === 'path') expect(ex.params?.[e.ownership.param]).toBe(world.users[ex.as!].profileId);
      if (e.ownership?.kind === 'body') expect((ex.body as Record<string, unknown>)[e.ownership.field]).toBe(world.users[ex.as!].profileId);
    });
  }

  it('the brief examples act as the fixture world says', () => {
    expect(endpointById('#3').example(world)).toEqual({ as: 'userA', params: { profileId: world.users.userA.profileId } });
    expect(endpointById('#17').example(world)).toEqual({ as: 'admin', params: { loanId: world.loanId } });
    expect(endpointById('#21').example(world)).toMatchObject({ as: 'userB', params: { proposalId: world.proposalId } });
    expect(endpointById('#2').example(world).body).toMatchObject({ userId: world.users.admin.profileId, countryCode: world.countryCode });
    expect(endpointById('#38').example(world).body).toMatchObject({ accountId: world.users.userB.accountId });
    expect(endpointById('I2').example(world).refreshTokenOf).toBe('userA');
  });
});

describe('request schemas reject what §4 rejects', () => {
  const transfer = endpointById('#1').request.body!;
  const base = { fromUserId: 'a', toUserId: 'b' };
  it.each([0, -1, '0', '0.0', '1e5', '+1', ' 1', '', '1.0000000001', true, null, Infinity, NaN, 1e27, 1e-10, '1'.repeat(28)])(
    'amount %s is rejected', (amount) => {
      expect(transfer.safeParse({ ...base, amount }).success).toBe(false);
    });
  it.each(['1', '0.000000001', '123.5', 5, 0.25, 1e-7, 1e21, 1e26, '1'.repeat(27)])('amount %s is accepted', (amount) => {
    expect(transfer.safeParse({ ...base, amount }).success).toBe(true);
  });
  it('ids, booleans, countries, limits', () => {
    expect(transfer.safeParse({ ...base, fromUserId: ' a', amount: '1' }).success).toBe(false);
    expect(endpointById('#21').request.body!.safeParse({ vote: 'true' }).success).toBe(false);
    expect(endpointById('#31').request.body!.safeParse({ countryCode: 'ZZZ' }).success).toBe(false);
    expect(endpointById('#31').request.body!.safeParse({ countryCode: 'zz' }).success).toBe(true);
    const q = endpointById('#5').request.query!;
    expect(q.safeParse({ limit: '0' }).success).toBe(false);
    expect(q.safeParse({ limit: '101' }).success).toBe(false);
    expect(q.safeParse({ offset: '-1' }).success).toBe(false);
    expect(q.safeParse({ limit: '100', offset: '2147483647' }).success).toBe(true);
    expect(endpointById('#8').request.body!.safeParse({ orgId: 'o', orgName: 'n', orgType: 'BUSINESS', stakeholderIds: ['a', 'a'] }).success).toBe(false);
    expect(endpointById('#11').request.body!.safeParse({ rule: { requiredApprovers: 3, approverGroup: ['a', 'b'] } }).success).toBe(false);
    expect(endpointById('I6').request.body!.safeParse({ firstName: null }).success).toBe(false);
    expect(endpointById('#26').request.body!.safeParse({ countriesData: [{ code: 'zz', name: 'A' }, { code: 'ZZ', name: 'B' }] }).success).toBe(false);
  });
});

describe('response schemas', () => {
  for (const e of CATALOG) {
    it(`${e.id} accepts a contract-shaped ${e.success.status} body`, () => {
      const sample = e.kind === 'command'
        ? { commandId: 'cm1', message: e.success.message, pendingTxId: 'multisig-o-1', loanId: 'loan-p-1', proposalId: 'proposal-x-1' }
        : QUERY_SAMPLES[e.id];
      expect(sample, `sample for ${e.id}`).toBeDefined();
      expect(e.success.body.safeParse(sample).error).toBeUndefined();
      // extra keys allowed (§0)
      expect(e.success.body.safeParse({ ...(sample as object), extraKey: 1 }).success).toBe(true);
    });
  }
  it.each(BAD_SAMPLES)('%s rejects %s', (id, _why, body) => {
    expect(endpointById(id).success.body.safeParse(body).success).toBe(false);
  });
  it('finds RESP-1 secrets at any depth', () => {
    expect(findForbiddenKeys({ user: { passwordHash: 'x', list: [{ biometricHash: 'y' }] } }))
      .toEqual(['user.passwordHash', 'user.list[0].biometricHash']);
    expect(findForbiddenKeys(QUERY_SAMPLES.I1)).toEqual([]);
  });
});

describe('E1 envelope', () => {
  it('accepts the contract shape and checks the reason phrase per status', () => {
    expect(errorEnvelope.safeParse({ error: 'Not Found', message: 'Route GET /x not found', requestId: 'r1' }).success).toBe(true);
    expect(errorEnvelope.safeParse({ message: 'x' }).success).toBe(false);
    expect(errorEnvelope.safeParse({ error: 'Bad Request', message: 3 }).success).toBe(false);
    expect(envelopeFor(401).safeParse({ error: 'Unauthorized', message: 'No authorization header provided' }).success).toBe(true);
    expect(envelopeFor(401).safeParse({ error: 'Forbidden', message: 'x' }).success).toBe(false);
    expect(() => envelopeFor(418)).toThrow();
  });
});
