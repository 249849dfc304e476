import type { CheckDef } from '../../../src/checks/define';
import { emptyStateCheck } from './empty-state';
import { listMatchesCheck } from './lists';
import { taxEligibilityCheck } from './eligibility';

/** States the contract defines answers for: before bootstrap, empty lists, seeded matches. */
export const stateChecks: CheckDef[] = [emptyStateCheck, listMatchesCheck, taxEligibilityCheck];
