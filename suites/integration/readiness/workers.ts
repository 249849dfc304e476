import type { z } from 'zod';
import { defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import { declaredMetrics, projectorHealthDoc, submitterHealthDoc, WORKER_METRICS } from '../../../src/catalog/infra';
import type { WorkerName } from '../../../src/catalog/services';
import { send, type HttpExchange } from '../../../src/clients/http';
import { envelopeProblem } from '../support/envelope';

/**
 * INT-WORKER-ENDPOINTS (§9 WRK-1..3, §10 MET-1; issue 10 item 4): each worker's HTTP server, as
 * the profile's `workers` names them — /health is the WRK-1 / WRK-2 document (200 healthy or 503
 * unhealthy, consistent), the query string is ignored, /metrics exports the §10 worker metrics
 * with their exact names and types, and any other route is a 404 in the E1 envelope.
 */
const DOCS: Record<WorkerName, z.ZodType> = { 'outbox-submitter': submitterHealthDoc, projector: projectorHealthDoc };

async function judgeWorker(ctx: CheckContext, worker: WorkerName, url: string): Promise<void> {
  const endpoint = worker === 'projector' ? 'INF-6' : 'INF-5';
  const ask = (method: string, path: string): Promise<HttpExchange> => send({ method, baseUrl: url, path, endpoint, note: `${worker} ${method} ${path}` });
  const add = (rule: string, text: string, res: HttpExchange) => ctx.findings.add({ rule, endpoint, component: 'worker', text: `${worker} (${url}) ${text}`, evidence: [res.evidence] });

  const health = await ask('GET', '/health?probe=1');
  ctx.observe.judged();
  const rule = worker === 'projector' ? 'WRK-2' : 'WRK-1';
  const doc = DOCS[worker].safeParse(health.body);
  if (![200, 503].includes(health.status)) add(rule, `/health answered ${health.status}`, health);
  else if (!doc.success) add(rule, `/health document: ${doc.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, health);
  else if ((health.status === 200) !== ((doc.data as { status: string }).status === 'healthy')) add(rule, `/health answered ${health.status} with status "${(doc.data as { status: string }).status}"`, health);

  const metrics = await ask('GET', '/metrics');
  ctx.observe.judged();
  const declared = declaredMetrics(metrics.text);
  for (const spec of WORKER_METRICS[worker]) {
    if (declared.get(spec.name) !== spec.type) add('MET-1', `/metrics: ${spec.name} ${declared.has(spec.name) ? `is a ${declared.get(spec.name)}` : 'is missing'}, expected a ${spec.type}`, metrics);
  }

  for (const [method, path] of [['GET', '/gxv-unknown'], ['POST', '/health']] as const) {
    const res = await ask(method, path);
    ctx.observe.judged();
    const problem = envelopeProblem(res, [404]);
    if (problem) add('WRK-3', `${method} ${path}: ${problem}`, res);
  }
}

export const workerEndpointsCheck = defineCheck({
  id: 'INT-WORKER-ENDPOINTS',
  layer: 'integration',
  title: 'Worker /health documents, §10 worker metrics and 404 E1 elsewhere (outbox-submitter, projector)',
  criteria: ['FUNC-2', 'OPS-1'],
  rules: ['WRK-1', 'WRK-2', 'WRK-3', 'MET-1'],
  async run(ctx) {
    const workers = ctx.target.workers;
    const list: Array<[WorkerName, string]> = [
      ...(workers?.submitter ?? []).map((u): [WorkerName, string] => ['outbox-submitter', u]),
      ...(workers?.projector ? [['projector', workers.projector] as [WorkerName, string]] : []),
    ];
    if (list.length === 0) return skip('Needs the workers\' HTTP servers: the profile has no `workers` section (submitter, projector URLs).');
    for (const [worker, url] of list) await judgeWorker(ctx, worker, url);
    return pass({ message: `${list.length} worker server(s): /health documents, §10 metrics and 404 E1 as the contract says` });
  },
});
