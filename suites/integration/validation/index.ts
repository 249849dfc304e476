import type { CheckDef } from '../../../src/checks/define';
import { fuzzCheck } from './fuzz';
import { massAssignmentCheck } from './mass-assignment';
import { errorLeakCheck } from './error-leak';

export const validationChecks: CheckDef[] = [fuzzCheck, massAssignmentCheck, errorLeakCheck];
