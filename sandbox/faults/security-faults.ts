import type { FaultSpec } from './spec';

/** Faults guarded by the security layer's service and config checks (the edge's own are in edge-faults.ts). */
export const SECURITY_FAULTS = {
  'cors-wildcard-credentials': { part: 'services', breaks: 'CORS answers every Origin with Access-Control-Allow-Origin: * and Access-Control-Allow-Credentials: true.', checks: ['SEC-CORS'] },
  'cors-prefix-match': { part: 'services', rules: ['CORS-1'], breaks: 'CORS accepts any Origin that starts with a listed origin (https://app.example.gxv-attacker.example), echoing it with credentials.', checks: ['SEC-CORS'] },
  'cors-preflight-narrow': { part: 'services', rules: ['CORS-3'], breaks: 'The allowed preflight lists only Authorization and Content-Type, not X-Idempotency-Key and X-Request-Id.', checks: ['SEC-CORS'] },
  'service-no-cross-origin-policies': { part: 'services', rules: ['HDR-1'], breaks: 'The services send no Cross-Origin-Opener-Policy or Cross-Origin-Resource-Policy (the edge still adds its own).', checks: ['SEC-HEADERS'] },
  'service-own-hsts': { part: 'services', rules: ['HDR-2'], breaks: 'The services send their own Strict-Transport-Security: max-age=300, not the edge\'s value (the edge hides it).', checks: ['SEC-HEADERS'] },
  'response-exposes-hash': { part: 'services', breaks: 'I5 (GET /api/v1/users/:id) includes the user\'s passwordHash.', checks: ['SEC-DATA-EXPOSURE', 'SEC-SECRETS-RESPONSES'] },
  'secret-in-config': { part: 'config', breaks: 'The generated service config (services.env) carries JWT_SECRET inline instead of a file reference.', checks: ['SEC-SECRETS-CONFIG'] },
  'secret-in-logs': { part: 'services', breaks: 'The services\' request log writes the Authorization header (the bearer token).', checks: ['SEC-SECRETS-LOGS'] },
} as const satisfies Record<string, FaultSpec>;
