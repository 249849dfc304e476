import type { FaultSpec } from './spec';

/**
 * Faults of the operations side of the sandbox (sandbox/monitoring, the DR restart path, the
 * deployment's reported version) and of the user journeys (issue 13).
 */
export const OPS_FAULTS = {
  'monitoring-plain-http': {
    part: 'monitoring',
    breaks: 'The monitoring front serves Prometheus and Alertmanager on its plain-HTTP ports instead of redirecting to HTTPS.',
    checks: ['OPS-MONITORING-SECURED', 'E2E-MONITORING-UI'],
  },
  'monitoring-anonymous': {
    part: 'monitoring',
    breaks: 'The monitoring front drops basic auth: Prometheus and Alertmanager answer anyone.',
    checks: ['OPS-MONITORING-SECURED', 'E2E-MONITORING-UI'],
  },
  'alert-rule-missing': {
    part: 'monitoring',
    breaks: 'The projector-lag alert rule is left out of the rules Prometheus loads.',
    checks: ['OPS-ALERT-RULES'],
  },
  'alertmanager-route-dropped': {
    part: 'monitoring',
    breaks: 'Alertmanager routes critical alerts to a receiver without any integration: they fire and are never delivered.',
    checks: ['OPS-ALERT-ROUNDTRIP'],
  },
  'runbook-missing': {
    part: 'monitoring',
    breaks: 'The projector-lag runbook is not published: its runbook_url answers 404.',
    checks: ['OPS-RUNBOOKS'],
  },
  'dashboard-metric-unknown': {
    part: 'monitoring',
    breaks: 'A dashboard panel queries gx_ledger_block_height, a metric no target exports.',
    checks: ['OPS-DASHBOARDS'],
  },
  'dr-lose-events': {
    part: 'workers',
    breaks: 'A projector restarted after a kill resumes at the ledger head instead of its checkpoint, skipping the events in between.',
    checks: ['OPS-DR-DRILL'],
  },
  'deployment-behind-remote': {
    part: 'config',
    breaks: 'The remote branch has a commit the deployment does not run: the reported commit is behind the remote head.',
    checks: ['OPS-REPO-SYNC'],
  },
  'journey-balance-stale': {
    part: 'services',
    breaks: 'The balance endpoint (#3) keeps answering the first balance it served for a wallet: the read model never shows a transfer to the user.',
    checks: ['E2E-JOURNEY-USER', 'E2E-JOURNEY-PAUSE'],
  },
  'journey-pending-stale': {
    part: 'services',
    breaks: 'The pending list (#15) keeps listing multi-signature transactions after they executed: the organization never sees its transfer done.',
    checks: ['E2E-JOURNEY-MULTISIG'],
  },
} as const satisfies Record<string, FaultSpec>;

export type OpsFaultName = keyof typeof OPS_FAULTS;
