import { defineCheck, type CheckContext } from '../../src/checks/define';
import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import type { EvidenceItem } from '../../src/evidence/types';
import { SEC_ROUTED } from '../integration/support/routing';
import { Findings } from './support/findings';
import { sendRaw, type RawReply } from './support/http';
import { edgeBase } from './support/probes';

/**
 * SEC-EDGE-HEALTH (EDGE-8, FUNC-4, PERF-4): the edge /health reports its region and every backend
 * up (200 healthy). On the sandbox, one backend is stopped through the control endpoint: the
 * edge must then answer 503 unhealthy with exactly that backend down, and recover after the
 * restart. Exclusive: a stopped service would break every other check running meanwhile.
 */

const EDGE_REGIONS = ['asia', 'north-america', 'europe'];
const STOPPED: ServiceKey = 'tax';
const POLL_MS = 300;
const POLL_TRIES = 20;

interface HealthDoc { status?: unknown; region?: unknown; backends?: Record<string, unknown>; timestamp?: unknown }

/** What is wrong with an EDGE-8 document, given which backends should be down. */
export function healthProblems(reply: RawReply, regionName: string, down: readonly ServiceKey[]): string[] {
  const doc = reply.json as HealthDoc | undefined;
  if (!doc || typeof doc !== 'object') return [`${reply.status} without a JSON document`];
  const out: string[] = [];
  const healthy = down.length === 0;
  if (reply.status !== (healthy ? 200 : 503)) out.push(`status ${reply.status}, expected ${healthy ? 200 : 503}`);
  if (doc.status !== (healthy ? 'healthy' : 'unhealthy')) out.push(`status "${String(doc.status)}"`);
  if (typeof doc.region !== 'string' || !EDGE_REGIONS.includes(doc.region)) out.push(`region "${String(doc.region)}"`);
  else if (EDGE_REGIONS.includes(regionName) && doc.region !== regionName) out.push(`region "${doc.region}" for the ${regionName} edge`);
  for (const key of SERVICE_KEYS) {
    const want = down.includes(key) ? 'down' : 'up';
    if (doc.backends?.[key] !== want) out.push(`backend ${key} is ${String(doc.backends?.[key])}, expected ${want}`);
  }
  if (typeof doc.timestamp !== 'string' || Number.isNaN(Date.parse(doc.timestamp))) out.push('no ISO timestamp');
  if (/\b\d{1,3}(?:\.\d{1,3}){3}\b|:\/\/|\blocalhost\b/.test(reply.text)) out.push('the body names an address or URL');
  return out;
}

async function control(ctx: CheckContext, action: 'stop' | 'start'): Promise<EvidenceItem> {
  const url = `${ctx.target.sandboxControl!.replace(/\/+$/, '')}/dependencies/service/${STOPPED}/${action}`;
  const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox control ${action} ${STOPPED}: ${res.status} ${text.slice(0, 200)}`);
  return { note: `sandbox control: ${action} ${STOPPED}`, request: `POST ${url}`, response: `HTTP ${res.status}\n${text}` };
}

/** Polls the edge /health until it matches `down` (or the tries run out); returns the last answer. */
async function settle(ctx: CheckContext, down: readonly ServiceKey[]): Promise<{ reply: RawReply; problems: string[] }> {
  let reply!: RawReply;
  let problems: string[] = [];
  for (let i = 0; i < POLL_TRIES; i++) {
    reply = await sendRaw(ctx.region, { url: `${edgeBase(ctx)}/health`, note: `edge /health, expecting ${down.length ? `${down.join(', ')} down` : 'all up'}` });
    problems = healthProblems(reply, ctx.region.name, down);
    if (problems.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { reply, problems };
}

export const edgeHealthCheck = defineCheck({
  id: 'SEC-EDGE-HEALTH',
  layer: 'security',
  title: 'The edge /health reflects its backends (healthy with all up; 503 with one down)',
  criteria: ['FUNC-4', 'PERF-4'],
  rules: ['EDGE-8'],
  needs: ['edge'],
  perRegion: true,
  // EDGE-8 probes backends over the traffic routes: with routing broken, "all down" is the right answer.
  dependsOn: SEC_ROUTED,
  exclusive: true,
  timeoutMs: 60_000,
  async run(ctx) {
    const findings = new Findings(ctx);
    const judge = (state: string, settled: { reply: RawReply; problems: string[] }) => {
      findings.judged();
      for (const p of settled.problems) findings.add({ rule: 'EDGE-8', endpoint: 'INF-7', component: 'edge', text: `${state}: ${p}` }, settled.reply);
      if (settled.problems.length === 0) findings.sample(settled.reply);
    };
    judge('with all backends running', await settle(ctx, []));
    if (!ctx.target.sandboxControl) {
      return findings.finish('healthy with all seven backends up (a backend cut needs the sandbox; not tried)', 'EDGE-8 document, 200 healthy');
    }
    findings.sample(await control(ctx, 'stop'));
    try {
      judge(`with ${STOPPED} stopped`, await settle(ctx, [STOPPED]));
    } finally {
      await control(ctx, 'start');
    }
    judge(`after restarting ${STOPPED}`, await settle(ctx, []));
    return findings.finish(`healthy with all backends up; 503 unhealthy with ${STOPPED} down; healthy again after the restart`,
      `EDGE-8: 200 healthy with all up, 503 unhealthy with ${STOPPED} down`);
  },
});
