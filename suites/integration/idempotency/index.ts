export { idempotencyChecks } from './checks';
