import type { CheckContext, Need } from '../../../../src/checks/define';
import type { FixtureUser, FixtureWorld } from '../../../../src/fixtures/types';
import { tokenOf, type EndpointRequest } from '../../support/requests';
import { withDb } from '../../support/db';

/**
 * How to provoke one documented error (§6 Errors column) in a state built for it. The family
 * (../family.ts) sends it, judges status, E1 envelope and message, and that nothing was written.
 */
export interface DocErrorCase {
  /** What is sent, in words (for headlines and evidence notes). */
  how: string;
  /** Needs beyond the family's own (`signingSecret` for tokens of accounts that cannot log in). */
  needs?: Need[];
  /**
   * Other statuses the contract's check order allows for this request (ERR-6: shape and
   * ownership in either order), so a deployment that checks the other one first is not blamed.
   */
  orderAllows?: number[];
  build(ctx: CheckContext, w: FixtureWorld): Promise<EndpointRequest> | EndpointRequest;
  /**
   * For a threshold rule, the closest request its condition does not hold for (e.g. requiredApprovers
   * equal to the group's size): it must not get this error — an off-by-one guard shows here.
   */
  edge?: { how: string; build(ctx: CheckContext, w: FixtureWorld): Promise<EndpointRequest> | EndpointRequest };
}

export type CaseTable = Record<string, DocErrorCase>;

/** A request sent with the token of any fixture account (state accounts included). */
export async function as(ctx: CheckContext, user: FixtureUser, req: Omit<EndpointRequest, 'as' | 'token'>): Promise<EndpointRequest> {
  return { ...req, as: null, token: await tokenOf(ctx, user) };
}

/** A token for a profile that does not exist (path-owned routes answer their 404 only to the owner itself). */
export async function asMissing(ctx: CheckContext, w: FixtureWorld, req: Omit<EndpointRequest, 'as' | 'token'>): Promise<EndpointRequest> {
  const token = await ctx.target.auth.accessToken({ profileId: w.missing.profileId, role: 'USER', tenantId: w.tenantId });
  return { ...req, as: null, token };
}

/** Every nonce made in this process: a payload holding one is certainly the case's own command. */
export const NONCES = new Set<string>();

/** Unique values for bodies that would create something on a target that wrongly accepts them. */
/** Whether a value is, or embeds, one of this process's nonces. */
export const holdsNonce = (value: string): boolean => [...NONCES].some((n) => value.includes(n));

export function nonce(w: { namespace: string }, what: string): string {
  const value = `${w.namespace}-${what}-${Math.random().toString(36).slice(2, 8)}`;
  NONCES.add(value);
  return value;
}

/** Accounts that cannot log in or hold no usable credential: their tokens are minted. */
export const MINTED: Need[] = ['signingSecret'];

/** ISO user-assigned codes: never a real country. */
const CANDIDATES = ['QZ', 'XQ', 'ZZ', 'QY', 'XY', 'QX', 'XX'];

/**
 * A well-formed country code without a treasury wallet (#4) or a Country row (#34), checked in the
 * read model when there is one: a fixed code can be the run's (or the sandbox's own) test country
 * (issue 9's QZ flake).
 */
export async function unusedCountry(ctx: CheckContext, w: FixtureWorld, what: 'treasury' | 'country'): Promise<string> {
  const candidates = CANDIDATES.filter((cc) => cc !== w.countryCode);
  if (!ctx.target.database) return candidates[0];
  const sql = what === 'treasury'
    ? 'SELECT substr("profileId", 10) AS cc FROM "Wallet" WHERE "profileId" = ANY($1)'
    : 'SELECT "countryCode" AS cc FROM "Country" WHERE "countryCode" = ANY($1)';
  const keys = what === 'treasury' ? candidates.map((cc) => `treasury_${cc}`) : candidates;
  const used = await withDb(ctx, async (c) => new Set((await c.query<{ cc: string }>(sql, [keys])).rows.map((r) => r.cc)));
  return candidates.find((cc) => !used.has(cc)) ?? candidates[0];
}
