import type { CheckDef } from '../../src/checks/define';
import { multisigJourney } from './journeys/multisig';
import { pauseJourney } from './journeys/pause';
import { userJourney } from './journeys/user';
import { monitoringUi } from './monitoring-ui';
import { alertRoundTrip } from './operations/alert-roundtrip';
import { alertRulesCheck } from './operations/alert-rules';
import { dashboardsCheck } from './operations/dashboards';
import { drDrill } from './operations/dr-drill';
import { repoSyncCheck } from './operations/repo-sync';
import { runbooksCheck } from './operations/runbooks';
import { monitoringSecured } from './operations/secured';
import { uptimeCheck } from './operations/uptime';

/** User journeys per regional edge, and the operations checks on the deployment's monitoring and release. */
export const journeyChecks: CheckDef[] = [userJourney, multisigJourney, pauseJourney];
export const operationsChecks: CheckDef[] = [
  monitoringSecured, monitoringUi, dashboardsCheck, alertRulesCheck, runbooksCheck, repoSyncCheck, uptimeCheck, alertRoundTrip, drDrill,
];
export const checks: CheckDef[] = [...journeyChecks, ...operationsChecks];
