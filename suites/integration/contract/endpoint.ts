import { defineCheck, skip, type CheckDef } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { withDb } from '../support/db';
import { brief, isObject, JSON_UTF8 } from '../support/envelope';
import { askRoute } from '../support/answers';
import { Problems } from '../support/problems';
import { exampleOf } from '../support/requests';
import { ROUTED } from '../support/routing';
import { forbiddenKeyPaths } from './forbidden';
import { exampleItems } from '../../../src/fixtures/uses';
import { afterSystemWide, beforeSystemWide, SYSTEM_WIDE } from '../support/system-wide';

/**
 * INT-CONTRACT-<key> (issue 3.6): the catalog example answers the documented success status,
 * `application/json; charset=utf-8`, a body the response schema accepts, and no secret keys.
 */

const WRITES = new Set(['command']);

function contractCheck(endpoint: Endpoint): CheckDef {
  const writes = WRITES.has(endpoint.kind);
  const systemWide = SYSTEM_WIDE.has(endpoint.id);
  return defineCheck({
    id: `INT-CONTRACT-${endpoint.key}`,
    layer: 'integration',
    title: `${endpoint.id} ${endpoint.method} ${endpoint.path}: documented success answer`,
    criteria: ['IT-API-1'],
    endpoint: endpoint.id,
    needs: writes ? ['fixtures', 'writes'] : ['fixtures'],
    rules: writes ? ['HTTP-6', 'RESP-1', 'ERR-5', 'CMD-1'] : ['HTTP-6', 'RESP-1', 'ERR-5'],
    dependsOn: ROUTED,
    fixtureItems: exampleItems([endpoint]),
    exclusive: systemWide || undefined,
    async run(ctx) {
      if (writes && !ctx.target.allowWrites) return skip(`${endpoint.id} is a command: it needs allowWrites`);
      if (systemWide) await beforeSystemWide(ctx, endpoint.id);
      const example = await exampleOf(ctx, endpoint);
      const problems = new Problems(ctx);
      const reply = await askRoute(ctx, endpoint, example);
      if (systemWide) await afterSystemWide(ctx, endpoint.id, (reply.res?.body as { commandId?: unknown } | null)?.commandId);
      // A route the service does not serve at all (its own HTTP-4 404) is this check's finding.
      const missing = reply.answer.producer === 'service' && reply.res !== null;
      if (missing) problems.judged();
      const res = missing ? reply.res : problems.judge(reply);
      if (!res) return problems.finish('', '');
      const found = (rule: string | null, text: string) => problems.add({ rule, endpoint: endpoint.id, text: `${endpoint.id}: ${text}` }, res);
      if (res.status !== endpoint.success.status) {
        found(res.status >= 500 ? 'ERR-5' : null, `${missing ? 'not served' : 'unexpected status'}: expected ${endpoint.success.status}, got ${brief(res)}`);
        return problems.finish('', `${endpoint.success.status} with the documented document`);
      }
      const type = res.headers['content-type'] ?? '';
      if (!JSON_UTF8.test(type)) found('HTTP-6', `content type ${type || '(none)'}, expected application/json; charset=utf-8`);
      const parsed = endpoint.success.body.safeParse(res.body);
      if (!parsed.success) {
        // Every schema issue, not the first few: each names the field it is about.
        for (const i of parsed.error.issues) found(null, `the body does not match the response schema at ${i.path.join('.') || '$'}: ${i.message}`);
      }
      for (const key of forbiddenKeyPaths(res.body)) found('RESP-1', `the body carries the secret key ${key}`);
      if (writes && ctx.target.database && isObject(res.body) && typeof res.body.commandId === 'string') {
        // CMD-1: the 202 stands for exactly one OutboxCommand row whose id is commandId.
        const commandId = res.body.commandId;
        const rows = await withDb(ctx, async (c) => (await c.query<{ commandType: string }>(
          'SELECT "commandType"::text AS "commandType" FROM "OutboxCommand" WHERE id = $1', [commandId])).rows);
        if (rows.length !== 1 || rows[0].commandType !== endpoint.commandType) {
          // The finding says what was seen: no row at all, or the row with its actual type.
          found('CMD-1', rows.length === 0 ? `no OutboxCommand row has the 202's commandId ${commandId}`
            : `the 202's OutboxCommand row ${commandId} exists with type ${rows[0].commandType}, not ${endpoint.commandType}`);
        }
      }
      problems.sample(res);
      problems.measurements.latencyMs = res.durationMs;
      return problems.finish(`${endpoint.success.status} with the documented document`, `${endpoint.success.status}, application/json; charset=utf-8, the documented document, no secret keys`);
    },
  });
}

export const contractChecks: CheckDef[] = CATALOG.map(contractCheck);
