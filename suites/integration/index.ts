import type { CheckDef } from '../../src/checks/define';
import { contractLayerChecks } from './contract/index';
import { jwtChecks } from './jwt/index';
import { authzChecks } from './authz/index';
import { validationChecks } from './validation/index';
import { idempotencyChecks } from './idempotency/index';
import { readinessChecks } from './readiness/index';
import { databaseChecks } from './database/index';
import { roundtripChecks } from './roundtrip/index';
import { errorFamilyChecks } from './errors/index';
import { stateChecks } from './states/index';
import { boundaryChecks } from './boundaries/index';
import { exactnessChecks } from './exactness/index';
import { conventionChecks } from './conventions/index';
import { processChecks } from './process/index';

/**
 * The integration layer: endpoint contract (issue 3.6), then JWT, authorization, validation,
 * idempotency, readiness and database integrity (issue 4). Ids are unique (checked at load).
 */
export const checks: CheckDef[] = [
  ...contractLayerChecks,
  ...jwtChecks,
  ...authzChecks,
  ...validationChecks,
  ...idempotencyChecks,
  ...readinessChecks,
  ...databaseChecks,
  ...roundtripChecks,
  ...errorFamilyChecks,
  ...stateChecks,
  ...boundaryChecks,
  ...exactnessChecks,
  ...conventionChecks,
  ...processChecks,
];

const seen = new Set<string>();
for (const check of checks) {
  if (seen.has(check.id)) throw new Error(`duplicate integration check id ${check.id}`);
  seen.add(check.id);
}
