import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { withDb } from '../support/db';
import { isObject } from '../support/envelope';
import { exampleOf, sendTo, tokenOf, world, type EndpointRequest } from '../support/requests';
import { ROUTED } from '../support/routing';
import { payloadProblems, requestView, tokenActor } from './payload';

/**
 * INT-PAYLOAD-EXACT (MAP-1, VAL-2, issue 10 item 5): every command route's stored OutboxCommand
 * payload against the request that caused it, key by key and value by value (§7.2: argument
 * names, extra keys, decimal strings, "" for absent optional arguments, null for absent extras),
 * before any ledger is involved — so a dropped or mis-scaled field is blamed on its own route, not
 * on a later command. Each route's catalog example is sent, and where the route has optional
 * fields, a variant without them.
 */
/** Commands whose acceptance changes the deployment for every other check (pause, resume, a new admin). */
const SHARED_EFFECTS = new Set(['#28', '#29', '#30']);
/** Optional body fields dropped in the variant request (their absence has its own §7.2 value). */
const OPTIONAL: Record<string, string[]> = { '#1': ['remark'], '#12': ['remark'], I4: ['nationalityCountryCode'] };

function variants(endpoint: Endpoint, example: EndpointRequest): Array<{ label: string; req: EndpointRequest }> {
  const out = [{ label: 'the catalog example', req: example }];
  const drop = OPTIONAL[endpoint.id];
  if (drop && isObject(example.body)) {
    const body = Object.fromEntries(Object.entries(example.body).filter(([k]) => !drop.includes(k)));
    if (endpoint.id === 'I4') body.email = String(body.email).replace('@', '-b@');
    out.push({ label: `without ${drop.join(', ')}`, req: { ...example, body } });
  }
  return out;
}

async function judge(ctx: CheckContext, endpoint: Endpoint, label: string, req: EndpointRequest): Promise<void> {
  const token = req.token ?? (req.as ? await tokenOf(ctx, world(ctx).users[req.as]) : null);
  const res = await sendTo(ctx, endpoint, { ...req, token, note: `${endpoint.id} ${label}` });
  const commandId = isObject(res.body) ? res.body.commandId : undefined;
  if (res.status !== 202 || typeof commandId !== 'string') {
    ctx.observe.unusable(`${endpoint.id} not accepted (${res.status})`);
    return;
  }
  const payload = await withDb(ctx, async (c) => (await c.query<{ payload: Record<string, unknown> }>('SELECT payload FROM "OutboxCommand" WHERE id = $1', [commandId])).rows[0]?.payload);
  ctx.observe.judged();
  if (!payload) {
    ctx.findings.add({ rule: 'CMD-1', endpoint: endpoint.id, text: `${endpoint.id} ${label}: 202 with commandId ${commandId}, but no OutboxCommand row has that id`, evidence: [res.evidence] });
    return;
  }
  const view = requestView({ ...req, token }, res.body as Record<string, unknown>, tokenActor);
  for (const problem of payloadProblems(endpoint.commandType!, payload, view)) {
    const rule = /\((MAP-1|VAL-2)\)$/.exec(problem)?.[1] ?? 'MAP-1';
    ctx.findings.add({ rule, endpoint: endpoint.id, text: `${endpoint.id} ${label}: ${problem}`, evidence: [res.evidence, { note: `OutboxCommand ${commandId} payload`, response: JSON.stringify(payload) }] });
  }
}

export const payloadExactCheck = defineCheck({
  id: 'INT-PAYLOAD-EXACT',
  layer: 'integration',
  title: 'Every command route\'s outbox payload holds exactly the §7.2 keys with the request\'s values (before the ledger)',
  criteria: ['IT-FAB-1'],
  rules: ['MAP-1', 'VAL-2', 'CMD-1', 'CMD-2'],
  needs: ['fixtures', 'writes', 'database'],
  // Its commands go through the region's routes: broken routing is their root cause.
  dependsOn: ROUTED,
  timeoutMs: 120_000,
  async run(ctx) {
    const commands = CATALOG.filter((e) => e.kind === 'command' && !SHARED_EFFECTS.has(e.id));
    for (const endpoint of commands) {
      for (const { label, req } of variants(endpoint, await exampleOf(ctx, endpoint))) await judge(ctx, endpoint, label, req);
    }
    return pass({ message: `${commands.length} command routes: every stored payload as §7.2 maps the request` });
  },
});
