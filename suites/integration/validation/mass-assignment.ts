import { defineCheck } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import type { EvidenceItem } from '../../../src/evidence/types';
import { withDb } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { askRoute } from '../support/answers';
import { Problems, type Shown } from '../support/problems';
import { exampleOf, world } from '../support/requests';
import { ROUTED } from '../support/routing';
import { exampleItems } from '../../../src/fixtures/uses';

/**
 * INT-VALIDATION-MASS-ASSIGNMENT (VAL-2): commands sent with extra fields (role, isAdmin, tenantId,
 * __proto__, constructor) store an outbox payload with exactly the §7.2 keys.
 */

/** §7.2 payload keys (argument names plus extra keys) of the commands probed. */
const PAYLOAD_KEYS: Record<string, string[]> = {
  '#1': ['fromUserId', 'toUserId', 'amount', 'remark'],
  '#16': ['loanId', 'borrowerId', 'amount', 'collateralHash'],
  '#20': ['proposalId', 'targetParam', 'newValue', 'proposerId'],
};

const EXTRA = '"role":"SUPER_ADMIN","isAdmin":true,"tenantId":"gxv-other-tenant","status":"COMMITTED",'
  + '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}';

/** The example body as JSON text with the extra keys spliced in (JSON.stringify would drop __proto__). */
function withExtras(body: unknown): string {
  const json = JSON.stringify(body);
  return `{${EXTRA},${json.slice(1)}`;
}

export const massAssignmentCheck = defineCheck({
  id: 'INT-VALIDATION-MASS-ASSIGNMENT',
  layer: 'integration',
  title: 'Unknown body fields never reach the stored outbox payload',
  criteria: ['IT-API-4', 'SEC-2'],
  needs: ['fixtures', 'database', 'writes'],
  rules: ['VAL-2', 'TEN-1', 'CMD-1', 'ERR-5'],
  dependsOn: ROUTED,
  minJudged: Object.keys(PAYLOAD_KEYS).length,
  fixtureItems: exampleItems(Object.keys(PAYLOAD_KEYS).map(endpointById)),
  async run(ctx) {
    const problems = new Problems(ctx);
    for (const [id, keys] of Object.entries(PAYLOAD_KEYS)) {
      const endpoint = endpointById(id);
      const example = await exampleOf(ctx, endpoint);
      const res = problems.judge(await askRoute(ctx, endpoint, { ...example, raw: withExtras(example.body), note: `${id} with extra fields` }));
      if (!res) continue;
      const found = (rule: string | null, text: string, ...shown: Shown[]) => problems.add({ rule, endpoint: id, text: `${id}: ${text}` }, res, ...shown);
      if (res.status === 400 || res.status === 422) { problems.sample(res); continue; } // VAL-2: rejecting unknown fields is allowed
      if (res.status !== 202 || !isObject(res.body) || typeof res.body.commandId !== 'string') {
        found(res.status >= 500 ? 'ERR-5' : null, `expected 202 (or a 400 rejection), got ${brief(res)}`);
        continue;
      }
      const commandId = res.body.commandId;
      const row = await withDb(ctx, async (client) => {
        const { rows } = await client.query<{ payload: unknown; tenantId: string }>('SELECT payload, "tenantId" FROM "OutboxCommand" WHERE id = $1', [commandId]);
        return rows[0];
      });
      const payload = row?.payload;
      const stored: EvidenceItem = { note: `${id} stored payload (OutboxCommand ${commandId})`, response: JSON.stringify(payload) };
      // TEN-1: the row belongs to the caller's tenant, whatever the body says.
      if (row && row.tenantId !== world(ctx).tenantId) found('TEN-1', `the row was written for tenant "${row.tenantId}"`, stored);
      if (!isObject(payload)) { found('CMD-1', `no OutboxCommand row ${commandId}`); continue; }
      const storedKeys = Object.keys(payload);
      const extra = storedKeys.filter((k) => !keys.includes(k));
      const missing = keys.filter((k) => !storedKeys.includes(k));
      if (extra.length > 0) found('VAL-2', `payload carries unknown keys ${extra.join(', ')}`, stored);
      if (missing.length > 0) found('VAL-2', `payload lacks §7.2 keys ${missing.join(', ')}`, stored);
      if (extra.length === 0 && missing.length === 0) { problems.sample(res); problems.sample(stored); }
    }
    problems.measurements.commands = Object.keys(PAYLOAD_KEYS).length;
    return problems.finish('the stored payloads hold exactly the §7.2 keys', 'payload keys exactly as in §7.2');
  },
});
