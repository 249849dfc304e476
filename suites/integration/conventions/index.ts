import type { CheckDef } from '../../../src/checks/define';
import { serializationCheck } from './serialization';

/** HTTP conventions and serialization (contract §1, §2, §4, §11). */
export const conventionChecks: CheckDef[] = [serializationCheck];
