import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { defineCheck, skip, type CheckDef } from '../../../src/checks/define';
import { API_METRICS, declaredMetrics, healthDoc, livezDoc, readyzDoc } from '../../../src/catalog/infra';
import { SERVICE_KEYS, SERVICES } from '../../../src/catalog/services';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { sendInRegion } from '../support/requests';
import { brief, JSON_UTF8 } from '../support/envelope';
import { Problems } from '../support/problems';

/** INF-1 to INF-4 of every API service (§6.8, §9, §10). */

function docCheck(id: string, path: string, schema: z.ZodType, expect: Record<string, string>): CheckDef {
  return defineCheck({
    id,
    layer: 'integration',
    title: `GET ${path} of every service answers 200 with its document`,
    criteria: ['IT-API-1', 'FUNC-1'],
    async run(ctx) {
      const problems = new Problems();
      for (const service of SERVICE_KEYS) {
        const res = await sendInRegion(ctx, { method: 'GET', baseUrl: ctx.region.serviceUrl(service), path, note: `${service} ${path}` });
        const label = `${service} ${path}`;
        if (res.status !== 200) { problems.add(`${label}: ${brief(res)}`, res); continue; }
        if (!JSON_UTF8.test(res.headers['content-type'] ?? '')) problems.add(`${label}: content-type ${res.headers['content-type']}`, res);
        const parsed = schema.safeParse(res.body);
        if (!parsed.success) {
          problems.add(`${label}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, res);
          continue;
        }
        const body = res.body as Record<string, unknown>;
        if (body.service !== SERVICES[service].name) problems.add(`${label}: service "${String(body.service)}", expected ${SERVICES[service].name}`, res);
        for (const [key, value] of Object.entries(expect)) {
          if (body[key] !== value) problems.add(`${label}: ${key} is ${JSON.stringify(body[key])}, expected "${value}"`, res);
        }
        problems.sample(res);
      }
      return problems.finish(`all ${SERVICE_KEYS.length} services answered ${path}`, `200 and the ${path} document`);
    },
  });
}

export const healthCheck = docCheck('INT-INFRA-HEALTH', '/health', healthDoc, { status: 'ok' });
export const livezCheck = docCheck('INT-INFRA-LIVEZ', '/livez', livezDoc, { status: 'alive' });
export const readyzCheck = docCheck('INT-INFRA-READYZ', '/readyz', readyzDoc, { status: 'ready' });

/** Ids a route label must never contain (MET-2). */
function fixtureIds(w: FixtureWorld | null): string[] {
  if (!w) return [];
  const users = Object.values(w.users).flatMap((u) => [u.profileId, u.walletId, u.accountId]);
  return [...users, w.org.orgId, w.loanId, w.proposalId, w.paramId, w.kycId].filter((s) => s.length >= 6);
}

function routeLabels(text: string, metric: string): string[] {
  const labels: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric}_bucket{`)) continue;
    const m = /route="((?:[^"\\]|\\.)*)"/.exec(line);
    if (m) labels.push(m[1]);
  }
  return labels;
}

export const metricsCheck = defineCheck({
  id: 'INT-INFRA-METRICS',
  layer: 'integration',
  title: '/metrics of every service exports the §10 names with route templates, never raw ids',
  criteria: ['OPS-1'],
  async run(ctx) {
    if (ctx.region.edgeUrl) return skip('metrics are not served through the public edge (MET-3); needs per-service URLs');
    const problems = new Problems();
    const marker = `gxvprobe${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const ids = [marker, ...fixtureIds(ctx.fixtures)];
    for (const service of SERVICE_KEYS) {
      const base = ctx.region.serviceUrl(service);
      // A request with an id in the path, so a raw-id label would show up in the scrape.
      await sendInRegion(ctx, { method: 'GET', baseUrl: base, path: `/api/v1/users/${marker}/loans` });
      if (ctx.fixtures) await sendInRegion(ctx, { method: 'GET', baseUrl: base, path: `/api/v1/wallets/${ctx.fixtures.users.userA.profileId}/balance` });
      const res = await sendInRegion(ctx, { method: 'GET', baseUrl: base, path: '/metrics', note: `${service} /metrics` });
      if (res.status !== 200) { problems.add(`${service}: /metrics answered ${brief(res)}`, res); continue; }
      if (!/^text\/plain/.test(res.headers['content-type'] ?? '')) problems.add(`${service}: content-type ${res.headers['content-type']}`, res);
      const declared = declaredMetrics(res.text);
      for (const spec of API_METRICS) {
        if (declared.get(spec.name) !== spec.type) problems.add(`${service}: ${spec.name} ${declared.has(spec.name) ? `is a ${declared.get(spec.name)}` : 'missing'}, expected a ${spec.type}`, res);
      }
      if (!/http_request_duration_seconds_bucket\{[^}]*le="0\.5"/.test(res.text)) problems.add(`${service}: no le="0.5" bucket`, res);
      const labels = routeLabels(res.text, 'http_requests_total');
      if (labels.length === 0) problems.add(`${service}: http_requests_total has no route-labelled samples`, res);
      const raw = [...new Set(labels.filter((label) => ids.some((id) => label.includes(id))))];
      if (raw.length > 0) problems.add(`${service}: route labels carry raw ids: ${raw.slice(0, 3).join(', ')}`, { ...res.evidence, response: raw.join('\n') });
      if (problems.count === 0) problems.sample(res);
    }
    return problems.finish('every service exports the §10 metrics with template routes', '§10 names, types and route templates');
  },
});

export const infraChecks: CheckDef[] = [healthCheck, livezCheck, readyzCheck, metricsCheck];
