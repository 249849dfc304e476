import { defineCheck, pass, type CheckContext, type Need } from '../../../src/checks/define';
import { MissingFixtureItem, statesOf } from '../../../src/fixtures/contract-items';
import { endpointById } from '../../../src/catalog/index';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { unmetNeeds } from '../../../src/run/preconditions';
import { isObject } from '../support/envelope';
import { askRoute } from '../support/answers';
import { tokenOf, world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';

/**
 * INT-LIST-MATCHES (issue 9 item 6, issue 10 item 3): list routes judged against items seeded for
 * them — an empty list is no pass when a match exists. Each case names the seeded items that must
 * appear, those the route's filter must leave out, their order, and the page windows of #5.
 * Empty answers the contract defines (a fresh account's transactions, loans and KYC, an
 * organization without pending transactions) are asked too.
 */
interface ListCase {
  endpoint: string;
  how: string;
  needs?: Need[];
  rule: string | null;
  request(ctx: CheckContext, w: FixtureWorld): Promise<EndpointRequest> | EndpointRequest;
  /** The list in the body (or the one value, for I8). */
  pick(body: Record<string, unknown>): unknown;
  id(item: Record<string, unknown>): string;
  /** Exactly these ids, in this order (a page of items nobody else touches). */
  exactly?(w: FixtureWorld): string[];
  includes?(w: FixtureWorld): string[];
  excludes?(w: FixtureWorld): string[];
  /** These ids appear in this relative order. */
  order?(w: FixtureWorld): string[];
  /** Field values of listed items (the DTO mapping of the seeded rows), by id. */
  fields?(w: FixtureWorld): Record<string, Record<string, unknown>>;
}

const list = (key: string) => (b: Record<string, unknown>) => b[key];
const txOf = (w: FixtureWorld, query: Record<string, string>) => async (ctx: CheckContext): Promise<EndpointRequest> =>
  ({ as: null, token: await tokenOf(ctx, statesOf(w).users.kycApproved), params: { profileId: statesOf(w).users.kycApproved.profileId }, query });
const MINTED: Need[] = ['signingSecret'];
const pageCase = (query: Record<string, string>, slice: [number, number]): ListCase => ({
  endpoint: '#5', how: `#5 of an account with three transactions, ${new URLSearchParams(query).toString()}`, needs: MINTED, rule: 'TOK-4',
  request: (ctx, w) => txOf(w, query)(ctx), pick: list('transactions'), id: (t) => String(t.offTxId),
  exactly: (w) => statesOf(w).pagedOffTxIds.slice(...slice),
});

const CASES: ListCase[] = [
  pageCase({}, [0, 3]), pageCase({ limit: '2' }, [0, 2]), pageCase({ limit: '1', offset: '1' }, [1, 2]),
  pageCase({ offset: '2' }, [2, 3]), pageCase({ offset: '3' }, [3, 3]),
  {
    endpoint: '#15', how: '#15 of an organization with two PENDING and one EXECUTED transaction', rule: null,
    request: (_, w) => ({ as: null, params: { orgId: statesOf(w).lists.orgId } }), pick: list('pendingTransactions'), id: (t) => String(t.txId),
    exactly: (w) => [...statesOf(w).lists.pendingTxIds], excludes: (w) => [statesOf(w).lists.executedTxId],
    // PendingTxDTO (§6.3): toId, amount and remark from params, requiredApprovals = requiredSignatures, approverGroup of the rule or [].
    fields: (w) => {
      const [older, newer] = statesOf(w).lists.pendingTxIds;
      const common = { orgId: statesOf(w).lists.orgId, toId: statesOf(w).users.fresh.profileId, amount: '3', remark: 'list item', status: 'PENDING', requiredApprovals: 1, approvals: {} };
      return { [older]: { ...common, approverGroup: [] }, [newer]: { ...common, approverGroup: [w.users.userA.profileId, statesOf(w).users.fresh.profileId] } };
    },
  },
  {
    endpoint: '#18', how: '#18 of userA (a PENDING_APPROVAL and an ACTIVE loan seeded)', rule: null,
    request: (_, w) => ({ as: 'userA', params: { borrowerId: w.users.userA.profileId } }), pick: list('loans'), id: (l) => String(l.loanId),
    includes: (w) => [w.loanId, statesOf(w).approvedLoanId], order: (w) => [w.loanId, statesOf(w).approvedLoanId],
  },
  {
    endpoint: '#24', how: '#24 (two ACTIVE and one EXECUTED proposal seeded)', rule: null,
    request: () => ({ as: null }), pick: list('proposals'), id: (p) => String(p.proposalId),
    includes: (w) => [...statesOf(w).lists.activeProposalIds], excludes: (w) => [statesOf(w).lists.executedProposalId],
    order: (w) => [...statesOf(w).lists.activeProposalIds],
  },
  {
    endpoint: '#35', how: '#35 (the run\'s test country seeded)', rule: null,
    request: () => ({ as: null }), pick: list('countries'), id: (c) => String(c.countryCode), includes: (w) => [w.countryCode],
  },
  {
    endpoint: '#5', how: '#5 of an account without transactions', needs: MINTED, rule: null,
    request: async (ctx, w) => ({ as: null, token: await tokenOf(ctx, statesOf(w).users.fresh), params: { profileId: statesOf(w).users.fresh.profileId } }),
    pick: list('transactions'), id: (t) => String(t.offTxId), exactly: () => [],
  },
  {
    endpoint: '#18', how: '#18 of an account without loans', needs: MINTED, rule: 'ERR-4',
    request: async (ctx, w) => ({ as: null, token: await tokenOf(ctx, statesOf(w).users.fresh), params: { borrowerId: statesOf(w).users.fresh.profileId } }),
    pick: list('loans'), id: (l) => String(l.loanId), exactly: () => [],
  },
  {
    endpoint: '#15', how: '#15 of an organization without transactions', rule: null,
    request: (_, w) => ({ as: null, params: { orgId: w.proposedOrgId } }), pick: list('pendingTransactions'), id: (t) => String(t.txId), exactly: () => [],
  },
  {
    endpoint: 'I8', how: 'I8 of an account without KYC', needs: MINTED, rule: null,
    request: async (ctx, w) => ({ as: null, token: await tokenOf(ctx, statesOf(w).users.fresh), params: { id: statesOf(w).users.fresh.profileId } }),
    pick: (b) => (b.kycStatus === null ? [] : b.kycStatus === undefined ? undefined : [b.kycStatus]), id: (k) => String(k.kycId), exactly: () => [],
  },
];

/** What is wrong with one list, in words; [] when it is right. */
function judgeList(c: ListCase, w: FixtureWorld, items: Array<Record<string, unknown>>): string[] {
  const ids = items.map(c.id);
  const out: string[] = [];
  const shown = ids.length > 0 ? `[${ids.join(', ')}]` : '[] (empty)';
  if (c.exactly) {
    const want = c.exactly(w);
    if (want.join('\n') !== ids.join('\n')) out.push(`answered ${shown}, expected exactly [${want.join(', ')}]`);
  }
  const missing = (c.includes?.(w) ?? []).filter((id) => !ids.includes(id));
  if (missing.length > 0) out.push(`${shown} lacks the matching seeded item(s) ${missing.join(', ')}`);
  const extra = (c.excludes?.(w) ?? []).filter((id) => ids.includes(id));
  if (extra.length > 0) out.push(`lists ${extra.join(', ')}, which the route's filter leaves out`);
  for (const [id, want] of Object.entries(c.fields?.(w) ?? {})) {
    const item = items.find((x) => c.id(x) === id);
    if (!item) continue;
    for (const [key, value] of Object.entries(want)) {
      const got = item[key];
      const same = key === 'amount' ? Number(got) === Number(value) && typeof got === 'string' : JSON.stringify(got) === JSON.stringify(value);
      if (!same) out.push(`item ${id}: ${key} ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
    }
  }
  const order = (c.order?.(w) ?? []).map((id) => ids.indexOf(id));
  if (order.every((i) => i >= 0) && order.some((i, k) => k > 0 && i < order[k - 1])) out.push(`lists ${c.order!(w).join(', ')} out of the contract's order`);
  return out;
}

export const listMatchesCheck = defineCheck({
  id: 'INT-LIST-MATCHES',
  layer: 'integration',
  title: 'List routes show the seeded matching items, leave out the filtered ones, keep their order and page windows (#5, #15, #18, #24, #35, I8)',
  criteria: ['IT-API-1'],
  rules: ['TOK-4', 'ERR-4'],
  needs: ['fixtures'],
  dependsOn: ROUTED,
  async run(ctx) {
    const w = world(ctx);
    const notSent: string[] = [];
    for (const c of CASES) {
      const unmet = unmetNeeds(c.needs, ctx.target, ctx.region, ctx.fixtures);
      if (unmet) { notSent.push(`${c.how}: ${unmet}`); continue; }
      const endpoint = endpointById(c.endpoint);
      let req: EndpointRequest;
      try {
        req = await c.request(ctx, w);
        judgeList(c, w, []); // every seeded item the case names exists before anything is sent
      } catch (error) {
        if (!(error instanceof MissingFixtureItem)) throw error;
        notSent.push(`${c.how}: ${error.message}`);
        continue;
      }
      const { res, answer } = await askRoute(ctx, endpoint, { ...req, note: c.how });
      // Only the route's own answer is judged: an edge page or another route's 404 is not its list.
      if (!res || !answer.expected) {
        ctx.observe.unusable(answer.kind);
        continue;
      }
      const items = res.status === 200 && isObject(res.body) ? c.pick(res.body) : undefined;
      if (!Array.isArray(items)) {
        ctx.observe.unusable(`${c.endpoint} answered ${res.status} without its list`);
        continue;
      }
      ctx.observe.judged();
      for (const text of judgeList(c, w, items.filter(isObject))) ctx.findings.add({ rule: c.rule, endpoint: c.endpoint, text: `${c.how}: ${text}`, evidence: [res.evidence] });
    }
    return pass({ message: `${CASES.length - notSent.length} list answers judged against their seeded items${notSent.length ? `; not sent: ${notSent.join('; ')}` : ''}` });
  },
});
