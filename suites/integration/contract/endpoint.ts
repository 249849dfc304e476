import { CheckFailure, defineCheck, pass, skip, type CheckDef } from '../../../src/checks/define';
import { CATALOG } from '../../../src/catalog/index';
import type { Endpoint } from '../../../src/catalog/types';
import { withDb } from '../support/db';
import { brief, isObject, JSON_UTF8 } from '../support/envelope';
import { exampleOf, sendTo } from '../support/requests';
import { forbiddenKeyPaths } from './forbidden';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-CONTRACT-<key> (issue 3.6): the catalog example answers the documented success status,
 * `application/json; charset=utf-8`, a body the response schema accepts, and no secret keys.
 */

const WRITES = new Set(['command']);

function contractCheck(endpoint: Endpoint): CheckDef {
  const writes = WRITES.has(endpoint.kind);
  return defineCheck({
    id: `INT-CONTRACT-${endpoint.key}`,
    layer: 'integration',
    title: `${endpoint.id} ${endpoint.method} ${endpoint.path}: documented success answer`,
    criteria: ['IT-API-1'],
    endpoint: endpoint.id,
    needs: writes ? ['fixtures', 'writes'] : ['fixtures'],
    fixtureItems: exampleItems([endpoint]),
    async run(ctx) {
      if (writes && !ctx.target.allowWrites) return skip(`${endpoint.id} is a command: it needs allowWrites`);
      const example = await exampleOf(ctx, endpoint);
      const res = await sendTo(ctx, endpoint, example);
      const fail = (message: string, expected: string, received: string): never => {
        throw new CheckFailure({ message: `${endpoint.id}: ${message}`, expected, received, evidence: [res.evidence] });
      };
      if (res.status !== endpoint.success.status) fail('unexpected status', `${endpoint.success.status}`, brief(res));
      const type = res.headers['content-type'] ?? '';
      if (!JSON_UTF8.test(type)) fail('wrong content type', 'application/json; charset=utf-8', type || '(none)');
      const parsed = endpoint.success.body.safeParse(res.body);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '$'}: ${i.message}`).join('; ');
        fail('the body does not match the response schema', 'the documented response document', issues);
      }
      const leaked = forbiddenKeyPaths(res.body);
      if (leaked.length > 0) fail('the body carries secret keys (RESP-1)', 'no passwordHash or biometricHash', leaked.join(', '));
      if (writes && ctx.target.database && isObject(res.body) && typeof res.body.commandId === 'string') {
        // CMD-1: the 202 stands for exactly one OutboxCommand row whose id is commandId.
        const commandId = res.body.commandId;
        const rows = await withDb(ctx, async (c) => (await c.query<{ commandType: string }>(
          'SELECT "commandType"::text AS "commandType" FROM "OutboxCommand" WHERE id = $1', [commandId])).rows);
        if (rows.length !== 1 || rows[0].commandType !== endpoint.commandType) {
          // The headline says what was seen: no row at all, or the row with its actual type.
          fail(rows.length === 0 ? `no OutboxCommand row has the 202's commandId ${commandId} (CMD-1)`
            : `the 202's OutboxCommand row ${commandId} exists with type ${rows[0].commandType}, not ${endpoint.commandType} (CMD-1)`,
          `one OutboxCommand row ${commandId} of type ${endpoint.commandType}`, rows.length === 0 ? 'no row' : `type ${rows[0].commandType}`);
        }
      }
      return pass({ evidence: [res.evidence], measurements: { latencyMs: res.durationMs } });
    },
  });
}

export const contractChecks: CheckDef[] = CATALOG.map(contractCheck);
