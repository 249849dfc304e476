/** gx-verify inside vitest: `import { gxChecks } from 'gx-verify/vitest'` (see suite.ts). */
export { CheckOutcomeError, gxChecks, type GxChecksOptions } from './suite';
export type { GxProvided } from './provided';
