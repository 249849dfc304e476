import type { CheckDef } from '../../../src/checks/define';
import { checkOrderCheck } from './check-order';
import { getFormsCheck } from './get-forms';
import { numberLiteralCheck } from './number-literal';
import { ownRoutesCheck } from './own-routes';
import { serializationCheck } from './serialization';
import { utf8Check } from './utf8';

/** HTTP conventions and serialization (contract §1, §2, §4, §11). */
export const conventionChecks: CheckDef[] = [getFormsCheck, checkOrderCheck, numberLiteralCheck, ownRoutesCheck, serializationCheck, utf8Check];
