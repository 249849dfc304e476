import type { Endpoint } from '../../../src/catalog/types';
import { messageMatches } from '../../../src/catalog/envelope';

/**
 * Rule ids for findings about a route's documented answers (contract §6 Errors columns:
 * `<endpoint>:<status>:<slug>` in src/rules).
 */

/** The id of `endpoint`'s documented error answering `status` (with `message` when given), or null. */
export function documentedError(endpoint: Endpoint, status: number, message?: string): string | null {
  const row = endpoint.errors.find((e) => e.status === status && (message === undefined || messageMatches(e.message, message)));
  return row ? PENDING_REGISTRY : null;
}

// Replaced by the registry lookup (src/rules documentedErrorsOf) once it is on main.
const PENDING_REGISTRY = null;
