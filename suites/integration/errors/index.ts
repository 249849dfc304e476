import type { CheckDef } from '../../../src/checks/define';
import { errorEnvelopeCheck, errorLeakAnswersCheck } from './answers';
import { docErrorChecks } from './family';

/** Error answers: every documented error provoked (INT-DOCERR-*), and every error answer of the run inspected. */
export const errorFamilyChecks: CheckDef[] = [...docErrorChecks, errorEnvelopeCheck, errorLeakAnswersCheck];
