import { CATALOG } from '../../src/catalog/index';
import type { FaultSpec } from './spec';

/** Every route's success check (INT-CONTRACT-<key>): the catalog has one per endpoint. */
const CONTRACT_CHECKS = CATALOG.map((e) => `INT-CONTRACT-${e.key}`);

/** The routes whose documented error paths (unknown path object → 404, empty body → 400) INT-ERRORS-<key> provokes. */
const ERROR_CHECKS = [
  'I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E10', 'E11', 'E12',
  'E14', 'E16', 'E17', 'E19', 'E20', 'E21', 'E23', 'E26', 'E27', 'E28', 'E30', 'E31', 'E33', 'E34', 'E37', 'E38',
].map((key) => `INT-ERRORS-${key}`);

/** Faults of the services' HTTP contract and database plumbing, guarded by the endpoint-contract, error-path, infrastructure-route and database checks. */
export const CONTRACT_FAULTS = {
  // --- success answers (services, sandbox/services/kit/route.ts) ---
  'response-shape-drift': {
    part: 'services',
    breaks: 'Success bodies go out in an unannounced v2 shape: every top-level key is renamed to snake_case with a _v2 suffix (commandId → command_id_v2).',
    checks: [...CONTRACT_CHECKS, 'INT-VALIDATION-MASS-ASSIGNMENT'],
  },
  // --- error answers (services, sandbox/services/kit/route.ts and errors.ts) ---
  'error-message-drift': {
    part: 'services',
    breaks: 'A route\'s own 4xx errors (validation, not-found, handler-level 403) are rethrown with one generic message, "Request failed"; status and envelope stay.',
    checks: [...ERROR_CHECKS, 'INT-AUTHZ-ROLES', 'INT-AUTHZ-OWNERSHIP'],
  },
  'body-errors-html': {
    part: 'services',
    breaks: 'Requests refused at the body stage (malformed JSON, over 10 MB, wrong content type) get a text/html error page instead of E1.',
    checks: ['INT-MALFORMED-JSON', 'INT-OVERSIZE-BODY', 'INT-CONTENT-TYPE', 'INT-ANSWERS-E1'],
    rules: ['ERR-1', 'HTTP-1', 'HTTP-2', 'HTTP-3'],
  },
  // --- HTTP conventions and serialization (services, sandbox/services/kit/convention-faults.ts) ---
  'json-charset-missing': {
    part: 'services',
    breaks: 'Success answers are sent as bytes with a bare `Content-Type: application/json`, no charset.',
    checks: ['INT-CONTRACT-E03', 'INT-CONTRACT-E36'],
    rules: ['HTTP-6'],
  },
  'required-message-generic': {
    part: 'services',
    breaks: 'A missing or null required field is answered 400 "Validation failed", naming no field, instead of the route\'s "… are required" message.',
    checks: ['INT-DOCERR-E01'],
    rules: ['VAL-6'],
  },
  'empty-body-needs-content-type': {
    part: 'services',
    breaks: 'A request with no body and no Content-Type is refused with 400 "Content-Type must be application/json" instead of being read as {} (a mutation survivor: no check sent an empty body).',
    checks: ['INT-EMPTY-BODY'],
    rules: ['HTTP-1'],
  },
  'head-not-answered': {
    part: 'services',
    breaks: 'HEAD requests to the API routes are refused 405 instead of being answered like the GET.',
    checks: ['INT-HTTP-GET-FORMS'],
    rules: ['HTTP-5'],
  },
  'trailing-slash-404': {
    part: 'services',
    breaks: 'Strict routing: an API path with one trailing slash answers 404.',
    checks: ['INT-HTTP-GET-FORMS'],
    rules: ['HTTP-5'],
  },
  'unknown-query-400': {
    part: 'services',
    breaks: 'A strict query validator answers 400 "Unknown query parameter" to a parameter the route does not declare.',
    checks: ['INT-HTTP-GET-FORMS'],
    rules: ['HTTP-5'],
  },
  'idempotency-key-before-auth': {
    part: 'services',
    breaks: 'An invalid X-Idempotency-Key is refused 400 before authentication and the role gate run, so a request without a token or with the wrong role gets the key error.',
    checks: ['INT-ERR-ORDER'],
    rules: ['ERR-6'],
  },
  'number-literal-as-double': {
    part: 'services',
    breaks: 'An amount sent as a JSON number is read as the nearest double, so digits beyond ~17 are lost (12345678901234567.123456789 → 12345678901234568).',
    checks: ['INT-NUMBER-LITERAL'],
    rules: ['VAL-5'],
  },
  'fee-rounding-truncates': {
    part: 'services',
    breaks: '#37 cuts the fee at 9 fraction digits instead of rounding half-up.',
    checks: ['INT-NUMBER-LITERAL'],
    rules: ['SER-6'],
  },
  'foreign-routes-served': {
    part: 'services',
    breaks: 'A shared router is mounted in every service: a path a service does not own is answered by the owning service\'s route handler instead of 404.',
    checks: ['INT-SVC-OWN-ROUTES'],
    rules: ['SVC-4'],
  },
  'json-latin1': {
    part: 'services',
    breaks: 'Success answers are encoded as ISO-8859-1 and labelled `application/json; charset=iso-8859-1`.',
    checks: ['INT-CONTRACT-E03', 'INT-ANSWERS-UTF8'],
    rules: ['SER-1'],
  },
  'money-as-number': {
    part: 'services',
    breaks: 'Money fields of success answers (balance, amount, fee, totalSupply…) go out as JSON numbers, as from a float column.',
    checks: ['INT-CONTRACT-E03', 'INT-SERIALIZATION'],
    rules: ['SER-2'],
  },
  'bigint-as-number': {
    part: 'services',
    breaks: 'Block numbers of success answers go out as JSON numbers instead of decimal strings.',
    checks: ['INT-CONTRACT-E05', 'INT-SERIALIZATION'],
    rules: ['SER-3'],
  },
  'timestamp-no-millis': {
    part: 'services',
    breaks: 'Timestamps of success answers drop their milliseconds (2025-01-31T12:00:00Z).',
    checks: ['INT-CONTRACT-E03', 'INT-SERIALIZATION'],
    rules: ['SER-4'],
  },
  'count-as-string': {
    part: 'services',
    breaks: 'Counts of success answers (totalUsers, forVotes, requiredApprovals…) go out as strings, as a driver returns COUNT(*).',
    checks: ['INT-CONTRACT-E36', 'INT-SERIALIZATION'],
    rules: ['SER-5'],
  },
  // --- infrastructure routes (services, sandbox/services/kit/app.ts) ---
  'infra-routes-missing': {
    part: 'services',
    breaks: 'The health and metrics router is mounted under /internal, so /health, /livez, /readyz and /metrics answer 404.',
    checks: ['INT-INFRA-HEALTH', 'INT-INFRA-LIVEZ', 'INT-INFRA-READYZ', 'INT-INFRA-METRICS', 'INT-READYZ-DB'],
  },
  // --- database plumbing ---
  'migrations-unrecorded': {
    part: 'database',
    breaks: 'The migrations table lost the row of migration 004 (the schema is intact, the record is not).',
    checks: ['INT-DB-MIGRATIONS'],
  },
  // --- seeded read-model state (sandbox/db/seed-defects.ts) ---
  'treasury-wallet-renamed': {
    part: 'database',
    breaks: 'Treasury wallets are held under profile id gxv-fault-treasury_<CC> instead of treasury_<CC> (a seed that named them otherwise).',
    checks: ['INT-DB-FIXTURES'],
    rules: ['FIX-1'],
  },
  'org-type-title-case': {
    part: 'database',
    breaks: 'Organization.orgType is seeded as Business / Ngo / Government instead of the §14 values BUSINESS, NGO, GOVERNMENT.',
    checks: ['INT-DB-FIXTURES'],
    rules: ['FIX-2'],
  },
  'db-pool-starved': {
    part: 'services',
    breaks: 'The services\' pool holds 4 connections with an immediate acquire timeout, so a burst of concurrent queries gets 503 (requests of other checks that land inside the burst get 503 too).',
    checks: ['INT-DB-POOL'],
  },
} as const satisfies Record<string, FaultSpec>;
