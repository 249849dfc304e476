import { CATALOG } from '../../../src/catalog/index';
import type { ServiceKey } from '../../../src/catalog/services';
import { documentedErrorsOf, type ContractRule } from '../../../src/rules/index';
import type { ServiceDeps } from '../deps';
import { HttpError } from './envelope';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (message: string) => new RegExp(`^${message.split(/<[^>]+>/).map(escape).join('.+')}$`);

/** Which documented error (§6 row) an answer of this route is: by status and message, VAL-6 field rows last. */
function rowOf(rules: readonly ContractRule[], err: HttpError): ContractRule | undefined {
  const same = rules.filter((r) => r.status === err.status);
  return same.find((r) => !r.message!.includes('<field>') && pattern(r.message!).test(err.message))
    ?? same.find((r) => r.message!.includes('<field>'));
}

/**
 * The guarded spot of the `documented-error:<rule id>` fault family (sandbox/faults/rule-faults.ts):
 * wraps a route so that, while the fault of one of its documented errors is on, that one answer
 * becomes an unexpected internal failure (500); every other answer of the route is untouched.
 */
export function documentedErrorFault(deps: ServiceDeps, service: ServiceKey, method: string, path: string): (err: unknown) => unknown {
  const endpoint = CATALOG.find((e) => e.service === service && e.method === method.toUpperCase() && e.path === path);
  const rules = endpoint ? documentedErrorsOf(endpoint.id) : [];
  return (err) => {
    if (!(err instanceof HttpError) || rules.length === 0) return err;
    const row = rowOf(rules, err);
    if (row && deps.faults.isOn(`documented-error:${row.id}`)) return new Error(`fault documented-error:${row.id} (was ${err.status} ${err.message})`);
    return err;
  };
}
