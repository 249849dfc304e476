import type { FaultSpec } from './spec';

/** Faults guarded by the security layer's service and config checks (the edge's own are in edge-faults.ts). */
export const SECURITY_FAULTS = {
  'cors-wildcard-credentials': { part: 'services', breaks: 'CORS answers every Origin with Access-Control-Allow-Origin: * and Access-Control-Allow-Credentials: true.', checks: ['SEC-CORS'] },
  'response-exposes-hash': { part: 'services', breaks: 'I5 (GET /api/v1/users/:id) includes the user\'s passwordHash.', checks: ['SEC-DATA-EXPOSURE', 'SEC-SECRETS-RESPONSES'] },
  'secret-in-config': { part: 'config', breaks: 'The generated service config (services.env) carries JWT_SECRET inline instead of a file reference.', checks: ['SEC-SECRETS-CONFIG'] },
  'secret-in-logs': { part: 'services', breaks: 'The services\' request log writes the Authorization header (the bearer token).', checks: ['SEC-SECRETS-LOGS'] },
} as const satisfies Record<string, FaultSpec>;
