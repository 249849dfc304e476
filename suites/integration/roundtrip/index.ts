import type { CheckDef } from '../../../src/checks/define';
import { statusAgreementCheck } from './agreement';
import { commandChecks } from './commands';
import { exactlyOnceCheck } from './exactly-once';
import { projectorHealthCheck } from './health';
import { commitLatencyCheck } from './commit-latency';
import { lagCheck } from './lag';
import { poisonCheck } from './poison';
import { restartCheck } from './restart';
import { writePathCheck } from './write-path';
import { restartHandlersCheck } from './restart-handlers';
import { unknownEventCheck } from './unknown-event';
import { breakerCheck } from './breaker';

/**
 * The round-trip layer (issue 5): every API command through outbox → Fabric → projector
 * (RT-CMD-*), projector lag and health, exactly-once submission, projector restart, poison
 * commands and status agreement. Needs allowWrites and a database; the ledger parts need `fabric`.
 */
export const roundtripChecks: CheckDef[] = [writePathCheck, ...commandChecks, lagCheck, commitLatencyCheck, projectorHealthCheck, statusAgreementCheck, exactlyOnceCheck, poisonCheck, restartCheck, restartHandlersCheck, unknownEventCheck, breakerCheck];
