import type { CheckDef } from '../../../src/checks/define';
import { emptyStateCheck } from './empty-state';
import { listMatchesCheck } from './lists';
import { taxEligibilityCheck } from './eligibility';
import { commandIdsCheck } from './command-ids';
import { countersCheck } from './counters';
import { frozenReceivesCheck, primaryWalletCheck, treasuryWalletCheck } from './wallets';

/** States the contract defines answers for: before bootstrap, empty lists, seeded matches; ids the server names. */
export const stateChecks: CheckDef[] = [emptyStateCheck, listMatchesCheck, taxEligibilityCheck, commandIdsCheck, frozenReceivesCheck, treasuryWalletCheck, primaryWalletCheck, countersCheck];
