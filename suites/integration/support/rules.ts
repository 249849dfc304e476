import type { Endpoint } from '../../../src/catalog/types';
import { messageMatches } from '../../../src/catalog/envelope';
import { documentedErrorsOf } from '../../../src/rules/index';

/**
 * Rule ids for findings about a route's documented answers: the registry's `<endpoint>:<status>:<slug>`
 * row of the contract §6 Errors column that answers `status` (with `message`, when given).
 */
export function documentedError(endpoint: Endpoint, status: number, message?: string): string | null {
  const rows = documentedErrorsOf(endpoint.id).filter((r) => r.status === status);
  // A row may list alternatives (VAL-6: `<field> is required | <field> is invalid`).
  const fits = (documented: string) => documented.split(' | ').some((alt) => messageMatches(alt, message!));
  const row = message === undefined ? rows[0] : rows.find((r) => r.message !== undefined && fits(r.message));
  return row?.id ?? null;
}
