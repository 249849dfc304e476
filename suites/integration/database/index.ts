import type { CheckDef } from '../../../src/checks/define';
import { schemaCheck } from './schema';
import { migrationsCheck } from './migrations';
import { concurrentTransfersCheck } from './concurrent-transfers';
import { poolCheck } from './pool';
import { queryLatencyCheck } from './query-latency';

export const databaseChecks: CheckDef[] = [schemaCheck, migrationsCheck, concurrentTransfersCheck, poolCheck, queryLatencyCheck];
