import { defineCheck, type CheckContext } from '../../../src/checks/define';
import { SERVICE_KEYS, type ServiceKey } from '../../../src/catalog/services';
import { send, type HttpExchange } from '../../../src/clients/http';
import { waitFor } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { askService, type Reply } from '../support/answers';
import { ROUTED } from '../support/routing';

/**
 * INT-READYZ-DB (issue 4.5, RDY-1, RDY-3, RDY-5): with the database cut, every service's /readyz
 * answers 503 not_ready (E1 keys added) while /livez and /health stay 200; after the restore, 200.
 */

async function control(base: string, action: 'cut' | 'restore'): Promise<HttpExchange> {
  const res = await send({ method: 'POST', baseUrl: base, path: `/dependencies/database/${action}`, json: {}, note: `sandbox control: database ${action}` });
  if (res.status >= 300) throw new Error(`sandbox control ${action} answered ${res.status}: ${res.text.slice(0, 200)}`);
  return res;
}

const readyz = (ctx: CheckContext, service: ServiceKey) =>
  askService(ctx, service, { method: 'GET', path: '/readyz', note: `${service} /readyz`, timeoutMs: 5000 });

/** What is wrong with a /readyz answer while the database is cut, and the rule it breaks. */
function notReadyProblem(res: HttpExchange): { rule: string; text: string } | null {
  if (res.status !== 503) return { rule: 'RDY-3', text: `status ${res.status}, expected 503` };
  const b = res.body;
  if (!isObject(b)) return { rule: 'ERR-1', text: 'body is not a JSON object' };
  if (b.status !== 'not_ready') return { rule: 'RDY-3', text: `status field ${JSON.stringify(b.status)}, expected "not_ready"` };
  if (b.error !== 'Service Unavailable' || typeof b.message !== 'string') return { rule: 'ERR-1', text: 'missing the E1 keys error "Service Unavailable" and message' };
  const db = isObject(b.checks) && isObject(b.checks.database) ? b.checks.database.status : undefined;
  if (db !== 'unhealthy') return { rule: 'RDY-1', text: `checks.database.status ${JSON.stringify(db)}, expected "unhealthy"` };
  return null;
}

/**
 * After the restore: 200 ready — or, on a deployment not ready for another reason (no projector
 * yet: RDY-2), 503 with the database check healthy again; what this check cut is what must recover.
 */
function databaseRecovered(res: HttpExchange): boolean {
  if (res.status === 200) return true;
  const b = res.body;
  return res.status === 503 && isObject(b) && isObject(b.checks) && isObject(b.checks.database) && b.checks.database.status === 'healthy';
}

export const readyzDbCheck = defineCheck({
  id: 'INT-READYZ-DB',
  layer: 'integration',
  title: '/readyz answers 503 while the database is unreachable and reports it healthy after; /livez and /health stay 200',
  criteria: ['FUNC-1', 'IT-API-4'],
  needs: ['sandbox'],
  rules: ['RDY-1', 'RDY-3', 'RDY-5', 'ERR-1'],
  dependsOn: ROUTED,
  // Every service's /readyz while cut and after the restore.
  minJudged: SERVICE_KEYS.length * 2,
  // The cut breaks every database-backed request: nothing else may run meanwhile.
  exclusive: true,
  timeoutMs: 90_000,
  async run(ctx) {
    const base = ctx.target.sandboxControl!;
    const problems = new Problems(ctx);
    problems.sample(await control(base, 'cut'));
    try {
      // Services are polled side by side: RDY-1 allows each up to 2 s to notice the cut.
      await Promise.all(SERVICE_KEYS.map(async (service) => {
        let last: Reply<HttpExchange> | undefined;
        await waitFor(async () => {
          last = await readyz(ctx, service);
          return last.res && notReadyProblem(last.res) === null ? true : undefined;
        }, 8000, 250);
        const cut = problems.judge(last!);
        const problem = cut && notReadyProblem(cut);
        if (cut && problem) problems.add({ rule: problem.rule, endpoint: 'INF-2', text: `${service} /readyz with the database cut: ${problem.text} (got ${brief(cut)})` }, cut);
        else if (cut) problems.sample(cut);
        for (const [path, endpoint] of [['/livez', 'INF-3'], ['/health', 'INF-1']]) {
          const res = problems.judge(await askService(ctx, service, { method: 'GET', path, note: `${service} ${path} with the database cut` }));
          if (res && res.status !== 200) problems.add({ rule: 'RDY-5', endpoint, text: `${service} ${path} with the database cut: ${brief(res)}` }, res);
        }
      }));
    } finally {
      problems.sample(await control(base, 'restore'));
    }
    await Promise.all(SERVICE_KEYS.map(async (service) => {
      let last: Reply<HttpExchange> | undefined;
      await waitFor(async () => {
        last = await readyz(ctx, service);
        return last.res && databaseRecovered(last.res) ? true : undefined;
      }, 15_000, 250);
      const after = problems.judge(last!);
      if (after && !databaseRecovered(after)) problems.add({ rule: 'RDY-3', endpoint: 'INF-2', text: `${service} /readyz after the restore: ${brief(after)}` }, after);
    }));
    return problems.finish('all services reported not_ready while the database was cut and ready after', '503 not_ready while cut, 200 ready after the restore, /livez and /health 200');
  },
});
