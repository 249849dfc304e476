import type { CheckDef } from '../../src/checks/define';
import { tlsGradeCheck } from './tls-grade';
import { tlsProtocolsCheck } from './tls-protocols';
import { tlsCiphersCheck } from './tls-ciphers';
import { tlsCertCheck } from './tls-cert';
import { httpsRedirectCheck } from './https-redirect';
import { headersCheck } from './headers';
import { corsCheck } from './cors';
import { errorLeakCheck } from './error-leak';
import { dataExposureCheck } from './data-exposure';
import { rateLimitCheck } from './rate-limit';
import { edgeRoutesCheck } from './edge-routes';
import { edgeClosedPathsCheck } from './edge-closed-paths';
import { edgeHealthCheck } from './edge-health';
import { edgeBodyLimitCheck } from './edge-body-limit';
import { secretsConfigCheck } from './secrets-config';
import { secretsLogsCheck } from './secrets-logs';
import { secretsResponsesCheck } from './secrets-responses';
import { netpolChecks } from './netpol/index';
import { probeChecks } from './probes/index';
import { passiveChecks } from './passive/rules';
import { dependencyScanCheck } from './vuln/dependency-scan';

/**
 * The security layer (issue 6): TLS of every edge (graded once per region and shared), HTTPS
 * redirect, headers, CORS, error leaks, data exposure, rate limit, edge routing and health, and
 * the secrets-exposure scan of configs, logs and responses.
 */
export const checks: CheckDef[] = [
  tlsGradeCheck,
  tlsProtocolsCheck,
  tlsCiphersCheck,
  tlsCertCheck,
  httpsRedirectCheck,
  headersCheck,
  corsCheck,
  errorLeakCheck,
  dataExposureCheck,
  edgeRoutesCheck,
  edgeClosedPathsCheck,
  edgeBodyLimitCheck,
  secretsConfigCheck,
  secretsLogsCheck,
  secretsResponsesCheck,
  rateLimitCheck,
  edgeHealthCheck,
  // Kubernetes: NetworkPolicy intent, live probe and cluster drift; workloads against §13.1 (issue 12).
  ...netpolChecks,
  // Part 2 (issue 14): active probes, passive rules over every answer, the vulnerability scan.
  ...probeChecks,
  dependencyScanCheck(),
  ...passiveChecks,
];

/** Part 2's checks (issue 14), for tests that prove part 1 on its own. */
export const PART2_IDS: readonly string[] = [...probeChecks, dependencyScanCheck(), ...passiveChecks].map((c) => c.id);
