import type { CheckDef } from '../../../src/checks/define';
import { boundariesCheck } from './check';

export const boundaryChecks: CheckDef[] = [boundariesCheck];
