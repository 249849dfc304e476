import { randomUUID } from 'node:crypto';
import { defineCheck, pass, skip, type CheckContext, type CheckDef } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { documentedErrorsOf, type ContractRule } from '../../../src/rules/index';
import { unmetNeeds } from '../../../src/run/preconditions';
import { MissingFixtureItem } from '../../../src/fixtures/contract-items';
import { FixtureItemMissing } from '../../../src/fixtures/items';
import { askRoute } from '../support/answers';
import { sendTo, world, type EndpointRequest } from '../support/requests';
import { isObject } from '../support/envelope';
import { ROUTED } from '../support/routing';
import { DOC_ERROR_CASES, type DocErrorCase } from './cases/index';
import { judgeAnswer, messagePattern, type Verdict } from './judge';
import { dbNow, keyRecorded, outboxWrites } from './nothing-written';

/**
 * INT-DOCERR-<key> (issue 10): every documented error of the route (§6 Errors column), each
 * provoked in a state built for it (a SUSPENDED account, a frozen wallet, an ACTIVE loan, a
 * duplicate phone…), judged on status, E1 and message, and on ERR-7: the rejected request wrote no
 * outbox row and left no idempotency record. SHOULD rows are probed too and reported as advisory.
 */
const IDEM_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The same request with a changed body: a recorded key would answer it with IDEM-5 or a replay. */
function changedBody(req: EndpointRequest): EndpointRequest {
  const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
  return { ...req, body: { ...body, gxvRetry: 1 } };
}

async function runCase(ctx: CheckContext, endpoint: Endpoint, rule: ContractRule, c: DocErrorCase): Promise<Verdict[] | null> {
  const w = world(ctx);
  const req = await c.build(ctx, w);
  const key = IDEM_METHODS.has(endpoint.method) ? `gxv-docerr-${randomUUID()}` : null;
  const headers = { ...req.headers, ...(key ? { 'X-Idempotency-Key': key } : {}) };
  const watchOutbox = endpoint.kind === 'command' && ctx.target.database !== null;
  const from = watchOutbox ? await dbNow(ctx) : null;
  const reply = await askRoute(ctx, endpoint, { ...req, headers, note: `${rule.id}: ${c.how}` });
  const to = watchOutbox ? await dbNow(ctx) : null;
  // Only the route's own answer is judged: an edge page, a missing route (INT-CONTRACT says so) or
  // another route's 404 never stands for this error.
  if (!reply.res || !reply.answer.expected) {
    ctx.observe.unusable(reply.answer.kind);
    return null;
  }
  const res = reply.res;
  ctx.observe.judged();
  const verdicts = judgeAnswer(endpoint, rule, c, res);
  const rejected = res.status >= 400;
  if (rejected && from && to) verdicts.push(...(await outboxWrites(ctx, endpoint, req, c.how, { from, to })));
  if (rejected && key) {
    const again = await sendTo(ctx, endpoint, { ...changedBody(req), headers, note: `${rule.id}: the same idempotency key again, body changed` });
    for (const v of keyRecorded(c.how, res, again)) {
      verdicts.push(v);
      ctx.findings.add({ ...v, endpoint: endpoint.id, evidence: [res.evidence, again.evidence] });
    }
  }
  for (const v of verdicts.filter((x) => x.rule !== 'IDEM-7')) ctx.findings.add({ ...v, endpoint: endpoint.id, evidence: [res.evidence] });
  if (c.edge) verdicts.push(...(await runEdge(ctx, endpoint, rule, c.edge)));
  return verdicts;
}

/**
 * The request just inside a threshold rule must not get that rule's error. Only an answer carrying
 * this error's own status and message blames the rule: any other refusal may be the target's view
 * of something else in the request, and is left to the checks of that.
 */
async function runEdge(ctx: CheckContext, endpoint: Endpoint, rule: ContractRule, edge: NonNullable<DocErrorCase['edge']>): Promise<Verdict[]> {
  const req = await edge.build(ctx, world(ctx));
  const key: Record<string, string> = IDEM_METHODS.has(endpoint.method) ? { 'X-Idempotency-Key': `gxv-docerr-edge-${randomUUID()}` } : {};
  const res = await sendTo(ctx, endpoint, { ...req, headers: { ...req.headers, ...key }, note: `${rule.id} edge: ${edge.how}` });
  const message = isObject(res.body) ? res.body.message : undefined;
  if (res.status !== rule.status || typeof message !== 'string' || !rule.message || !messagePattern(rule.message).test(message)) return [];
  const verdict: Verdict = { rule: rule.id, text: `${edge.how}: answered ${res.status} "${message}", but the condition of ${rule.id} does not hold (an off-by-one guard)` };
  ctx.findings.add({ ...verdict, endpoint: endpoint.id, evidence: [res.evidence] });
  return [verdict];
}

/** Rules a route's rows exercise besides themselves: path objects' 404s (ERR-4; CMD-6 where §7.1 makes the lookup a MUST), path ownership (AUTHZ-2), #1's self-transfer and frozen sender (VAL-4). */
const LOOKUP_FIRST = new Set(['I6', 'I7', '#6', '#7', '#10', '#11', '#17']);
function extraRules(endpoint: Endpoint, rules: ContractRule[]): string[] {
  const out: string[] = [];
  const notFound = rules.some((r) => r.status === 404 && r.strength === 'MUST');
  if (notFound) out.push('ERR-4');
  if (notFound && LOOKUP_FIRST.has(endpoint.id)) out.push('CMD-6');
  if (endpoint.ownership?.kind === 'path' && rules.some((r) => r.status === 403)) out.push('AUTHZ-2');
  if (endpoint.id === '#1') out.push('VAL-4');
  return out;
}

function docErrorCheck(endpoint: Endpoint, rules: ContractRule[]): CheckDef {
  const criteria = [...new Set(rules.flatMap((r) => r.criteria))];
  return defineCheck({
    id: `INT-DOCERR-${endpoint.key}`,
    layer: 'integration',
    title: `${endpoint.id} ${endpoint.method} ${endpoint.path}: every documented error, provoked in its state, writes nothing`,
    criteria,
    endpoint: endpoint.id,
    rules: [...rules.map((r) => r.id), 'ERR-1', 'ERR-5', 'ERR-7', 'IDEM-7', 'VAL-6', ...extraRules(endpoint, rules)],
    needs: endpoint.kind === 'command' ? ['fixtures', 'writes'] : ['fixtures'],
    dependsOn: ROUTED,
    async run(ctx) {
      const notSent: string[] = [];
      let asDocumented = 0;
      let sent = 0;
      for (const rule of rules) {
        const c = DOC_ERROR_CASES[rule.id];
        if (!c) continue; // provoked by another check (PROVOKED_ELSEWHERE)
        const unmet = unmetNeeds(c.needs, ctx.target, ctx.region, ctx.fixtures);
        if (unmet) { notSent.push(`${rule.id}: ${unmet}`); continue; }
        let verdicts: Verdict[] | null;
        try {
          verdicts = await runCase(ctx, endpoint, rule, c);
        } catch (error) {
          // A case whose fixture item the target does not hold is not sent; the other cases still are.
          if (!(error instanceof MissingFixtureItem) && !(error instanceof FixtureItemMissing)) throw error;
          notSent.push(`${rule.id}: ${error.message}`);
          continue;
        }
        if (verdicts === null) continue;
        sent++;
        if (verdicts.every((v) => v.advisory)) asDocumented++;
      }
      if (sent === 0 && notSent.length > 0) return skip(`No documented error of ${endpoint.id} could be provoked here: ${notSent.join('; ')}`);
      const skipped = notSent.length > 0 ? `; not sent: ${notSent.join('; ')}` : '';
      return pass({
        message: `${asDocumented} of ${sent} documented error(s) answered as the contract says, nothing written${skipped}`,
        measurements: { cases: sent, notSent: notSent.length },
      });
    },
  });
}

export const docErrorChecks: CheckDef[] = CATALOG.flatMap((endpoint) => {
  const rules = documentedErrorsOf(endpoint.id).filter((r) => DOC_ERROR_CASES[r.id]);
  return rules.length > 0 ? [docErrorCheck(endpoint, rules)] : [];
});
