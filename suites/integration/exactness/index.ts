import type { CheckDef } from '../../../src/checks/define';
import { payloadExactCheck } from './check';

export const exactnessChecks: CheckDef[] = [payloadExactCheck];
