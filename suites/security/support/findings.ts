/**
 * The security layer collects its problems with the same class as the integration layer: every
 * finding recorded with its rule as it is found, never truncated, observations counted.
 */
export { Problems as Findings, type Problem, type Shown } from '../../integration/support/problems';
