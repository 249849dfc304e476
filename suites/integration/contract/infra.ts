import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { defineCheck, skip, type CheckDef } from '../../../src/checks/define';
import { API_METRICS, declaredMetrics, healthDoc, livezDoc, readyzDoc } from '../../../src/catalog/infra';
import { SERVICE_KEYS, SERVICES } from '../../../src/catalog/services';
import type { FixtureWorld } from '../../../src/fixtures/types';
import { askService } from '../support/answers';
import { ROUTED } from '../support/routing';
import { brief, JSON_UTF8 } from '../support/envelope';
import { Problems, type Shown } from '../support/problems';

/** INF-1 to INF-4 of every API service (§6.8, §9, §10). */

interface InfraRoute {
  id: string; endpoint: string; path: string; schema: z.ZodType; expect: Record<string, string>; statusRule: string;
  /** Why an answer is the service truthfully reporting it cannot be judged here, or null (INT-INFRA-READYZ). */
  notJudgeable?(res: { status: number; body: unknown }): string | null;
}

/**
 * RDY-3: 503 `not_ready` is the right answer while a dependency is unhealthy (no projector yet, a
 * stale heartbeat). Such an answer, well-formed and naming the unhealthy check, says the
 * deployment is not ready — which this check cannot turn into "ready", nor blame as a breach:
 * the service counts as not exercised, with the reason (INT-READYZ-* judge the 503 itself).
 */
function reportsNotReady(res: { status: number; body: unknown }): string | null {
  if (res.status !== 503) return null;
  const parsed = readyzDoc.safeParse(res.body);
  if (!parsed.success || parsed.data.status !== 'not_ready') return null;
  const unhealthy = Object.entries(parsed.data.checks as Record<string, { status: string; message?: string }>)
    .filter(([, c]) => c.status !== 'healthy').map(([name, c]) => `${name}${c.message ? ` (${c.message})` : ''}`);
  return unhealthy.length > 0 ? `reported not_ready: ${unhealthy.join(', ')} unhealthy` : null;
}

function docCheck(route: InfraRoute): CheckDef {
  const { id, path, schema, expect, endpoint } = route;
  return defineCheck({
    id,
    layer: 'integration',
    title: `GET ${path} of every service answers 200 with its document`,
    criteria: ['IT-API-1', 'FUNC-1'],
    rules: ['SVC-5', route.statusRule, 'HTTP-6'],
    dependsOn: ROUTED,
    minJudged: SERVICE_KEYS.length,
    async run(ctx) {
      const problems = new Problems(ctx);
      for (const service of SERVICE_KEYS) {
        const label = `${service} ${path}`;
        const reply = await askService(ctx, service, { method: 'GET', path, note: label });
        const notReady = reply.res && reply.answer.expected ? route.notJudgeable?.(reply.res) : null;
        if (notReady) { problems.unusable(notReady); problems.sample(reply.res!); continue; }
        const res = problems.judge(reply);
        if (!res) continue;
        const found = (rule: string | null, text: string) => problems.add({ rule, endpoint, text: `${label}: ${text}` }, res);
        if (res.status === 404) { found('SVC-5', `not served (${brief(res)})`); continue; }
        if (res.status !== 200) { found(route.statusRule, brief(res)); continue; }
        if (!JSON_UTF8.test(res.headers['content-type'] ?? '')) found('HTTP-6', `content-type ${res.headers['content-type']}`);
        const parsed = schema.safeParse(res.body);
        if (!parsed.success) {
          for (const i of parsed.error.issues) found(null, `${i.path.join('.') || '$'}: ${i.message}`);
          continue;
        }
        const body = res.body as Record<string, unknown>;
        if (body.service !== SERVICES[service].name) found(null, `service "${String(body.service)}", expected ${SERVICES[service].name}`);
        for (const [key, value] of Object.entries(expect)) {
          if (body[key] !== value) found(route.statusRule, `${key} is ${JSON.stringify(body[key])}, expected "${value}"`);
        }
        problems.sample(res);
      }
      return problems.finish(`all ${SERVICE_KEYS.length} services answered ${path}`, `200 and the ${path} document`);
    },
  });
}

export const healthCheck = docCheck({ id: 'INT-INFRA-HEALTH', endpoint: 'INF-1', path: '/health', schema: healthDoc, expect: { status: 'ok' }, statusRule: 'RDY-5' });
export const livezCheck = docCheck({ id: 'INT-INFRA-LIVEZ', endpoint: 'INF-3', path: '/livez', schema: livezDoc, expect: { status: 'alive' }, statusRule: 'RDY-5' });
export const readyzCheck = docCheck({ id: 'INT-INFRA-READYZ', endpoint: 'INF-2', path: '/readyz', schema: readyzDoc, expect: { status: 'ready' }, statusRule: 'RDY-3', notJudgeable: reportsNotReady });

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
  rules: ['SVC-5', 'MET-1', 'MET-2'],
  minJudged: SERVICE_KEYS.length,
  async run(ctx) {
    if (ctx.region.edgeUrl) return skip('metrics are not served through the public edge (MET-3); needs per-service URLs');
    const problems = new Problems(ctx);
    const marker = `gxvprobe${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const ids = [marker, ...fixtureIds(ctx.fixtures)];
    for (const service of SERVICE_KEYS) {
      // A request with an id in the path, so a raw-id label would show up in the scrape.
      await askService(ctx, service, { method: 'GET', path: `/api/v1/users/${marker}/loans` });
      if (ctx.fixtures) await askService(ctx, service, { method: 'GET', path: `/api/v1/wallets/${ctx.fixtures.users.userA.profileId}/balance` });
      const res = problems.judge(await askService(ctx, service, { method: 'GET', path: '/metrics', note: `${service} /metrics` }));
      if (!res) continue;
      const before = problems.count;
      const found = (rule: string, text: string, shown: Shown = res) => problems.add({ rule, endpoint: 'INF-4', text: `${service}: ${text}` }, shown);
      if (res.status !== 200) { found('SVC-5', `/metrics answered ${brief(res)}`); continue; }
      if (!/^text\/plain/.test(res.headers['content-type'] ?? '')) found('MET-1', `content-type ${res.headers['content-type']}`);
      const declared = declaredMetrics(res.text);
      for (const spec of API_METRICS) {
        if (declared.get(spec.name) !== spec.type) found('MET-1', `${spec.name} ${declared.has(spec.name) ? `is a ${declared.get(spec.name)}` : 'missing'}, expected a ${spec.type}`);
      }
      if (!/http_request_duration_seconds_bucket\{[^}]*le="0\.5"/.test(res.text)) found('MET-1', 'no le="0.5" bucket');
      const labels = routeLabels(res.text, 'http_requests_total');
      if (labels.length === 0) found('MET-2', 'http_requests_total has no route-labelled samples');
      for (const raw of new Set(labels.filter((label) => ids.some((id) => label.includes(id))))) {
        found('MET-2', `a route label carries a raw id: ${raw}`, { ...res.evidence, response: raw });
      }
      if (problems.count === before) problems.sample(res);
    }
    return problems.finish('every service exports the §10 metrics with template routes', '§10 names, types and route templates');
  },
});

export const infraChecks: CheckDef[] = [healthCheck, livezCheck, readyzCheck, metricsCheck];
