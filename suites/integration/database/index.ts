import type { CheckDef } from '../../../src/checks/define';
import { schemaCheck } from './schema';
import { migrationsCheck } from './migrations';
import { concurrentTransfersCheck } from './concurrent-transfers';
import { poolCheck } from './pool';
import { queryLatencyCheck } from './query-latency';
import { fixtureStateCheck } from './read-model-state';

export const databaseChecks: CheckDef[] = [schemaCheck, migrationsCheck, concurrentTransfersCheck, poolCheck, queryLatencyCheck, fixtureStateCheck];
