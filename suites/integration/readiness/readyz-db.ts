import { defineCheck, pass, type CheckContext } from '../../../src/checks/define';
import { SERVICE_KEYS, type ServiceKey } from '../../../src/catalog/services';
import { send, type HttpExchange } from '../../../src/clients/http';
import { waitFor } from '../support/db';
import { brief, isObject } from '../support/envelope';
import { Problems } from '../support/problems';
import { sendInRegion } from '../support/requests';

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
  sendInRegion(ctx, { method: 'GET', baseUrl: ctx.region.serviceUrl(service), path: '/readyz', note: `${service} /readyz`, timeoutMs: 5000 });

function notReadyProblem(res: HttpExchange): string | null {
  if (res.status !== 503) return `status ${res.status}, expected 503`;
  const b = res.body;
  if (!isObject(b)) return 'body is not a JSON object';
  if (b.status !== 'not_ready') return `status field ${JSON.stringify(b.status)}, expected "not_ready"`;
  if (b.error !== 'Service Unavailable' || typeof b.message !== 'string') return 'missing the E1 keys error "Service Unavailable" and message';
  const db = isObject(b.checks) && isObject(b.checks.database) ? b.checks.database.status : undefined;
  if (db !== 'unhealthy') return `checks.database.status ${JSON.stringify(db)}, expected "unhealthy"`;
  return null;
}

export const readyzDbCheck = defineCheck({
  id: 'INT-READYZ-DB',
  layer: 'integration',
  title: '/readyz answers 503 while the database is unreachable and 200 after; /livez and /health stay 200',
  criteria: ['FUNC-1', 'IT-API-4'],
  needs: ['sandbox'],
  // The cut breaks every database-backed request: nothing else may run meanwhile.
  exclusive: true,
  timeoutMs: 90_000,
  async run(ctx) {
    const base = ctx.target.sandboxControl!;
    const problems = new Problems();
    const evidence = [(await control(base, 'cut')).evidence];
    try {
      // Services are polled side by side: RDY-1 allows each up to 2 s to notice the cut.
      await Promise.all(SERVICE_KEYS.map(async (service) => {
        let last: HttpExchange | undefined;
        await waitFor(async () => {
          last = await readyz(ctx, service);
          return notReadyProblem(last) === null ? true : undefined;
        }, 8000, 250);
        const problem = notReadyProblem(last!);
        if (problem) problems.add(`${service} /readyz with the database cut: ${problem} (got ${brief(last!)})`, last);
        else problems.sample(last!);
        for (const path of ['/livez', '/health']) {
          const res = await sendInRegion(ctx, { method: 'GET', baseUrl: ctx.region.serviceUrl(service), path, note: `${service} ${path} with the database cut` });
          if (res.status !== 200) problems.add(`${service} ${path} with the database cut: ${brief(res)}`, res);
        }
      }));
    } finally {
      evidence.push((await control(base, 'restore')).evidence);
    }
    await Promise.all(SERVICE_KEYS.map(async (service) => {
      let last: HttpExchange | undefined;
      await waitFor(async () => {
        last = await readyz(ctx, service);
        return last.status === 200 ? true : undefined;
      }, 15_000, 250);
      if (last!.status !== 200) problems.add(`${service} /readyz after the restore: ${brief(last!)}`, last);
    }));
    if (problems.count > 0) return problems.finish('', '503 not_ready while cut, 200 ready after the restore, /livez and /health 200');
    return pass({ message: 'all services reported not_ready while the database was cut and ready after', evidence });
  },
});
