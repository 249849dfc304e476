import { edit, now, signHmac, signWithFreshKey, tamperSignature, unsigned, type Claims } from './forge';

/**
 * The access-token cases of contract §3.1/§3.2 (AUTH-1 to AUTH-3): each yields Authorization
 * header values (undefined = no header) that every authenticated endpoint must answer with 401 E1.
 */

export interface TokenBase {
  /** A valid access token of userA (minted or logged in). */
  token: string;
  claims: Claims;
  /** The signing secret (mint mode) and algorithm. */
  secret: string | null;
  alg: string;
  refreshToken(): Promise<string>;
  /** The target's clock (epoch seconds), for cases at a tolerance edge. */
  serverNow(): Promise<number>;
}

/**
 * AUTH-2 allows at most 30 s of clock tolerance. A token 32 s past exp by the target's own clock —
 * 30 s plus the Date header's one-second resolution and a second of transit — must be refused: a
 * deployment with minutes or an hour of tolerance fails here, not only at −1 h. The nbf edge sits
 * at +45 s: a future nbf comes closer while the matrix sends it to every route, an expired exp only
 * gets older; so the nbf tokens are minted again for each request (`perRequest`), and a paced edge
 * that spreads the sends over the check's time limit never brings one within the tolerance.
 */
export const TOLERANCE_EDGE_S = 32;
export const NBF_EDGE_S = 45;

export interface JwtCase {
  id: string;
  title: string;
  /** Needs the signing secret to build the token (skipped in login mode). */
  needsSecret?: boolean;
  /** The header values age (a future nbf): built again for every request, from the same base. */
  perRequest?: boolean;
  headers(base: TokenBase): Promise<(string | undefined)[]>;
}

const bearer = (token: string): string => `Bearer ${token}`;
const resign = (b: TokenBase, claims: Claims, alg = b.alg) => signHmac(claims, b.secret!, alg);

export const JWT_CASES: JwtCase[] = [
  { id: 'INT-JWT-NO-HEADER', title: 'No Authorization header → 401', headers: async () => [undefined] },
  {
    id: 'INT-JWT-WRONG-SCHEME', title: 'Scheme other than Bearer → 401',
    headers: async (b) => [`Basic ${b.token}`, `Token ${b.token}`, `bearer${b.token}`],
  },
  { id: 'INT-JWT-EMPTY-BEARER', title: 'Nothing after "Bearer" → 401', headers: async () => ['Bearer', 'Bearer '] },
  {
    id: 'INT-JWT-GARBAGE', title: 'A value that is not a JWT → 401',
    headers: async () => [bearer('not-a-jwt'), bearer('a.b.c'), bearer('eyJhbGciOiJIUzI1NiJ9..')],
  },
  { id: 'INT-JWT-BAD-SIGNATURE', title: 'A token with a wrong signature → 401', headers: async (b) => [bearer(tamperSignature(b.token))] },
  { id: 'INT-JWT-ALG-NONE', title: 'An unsigned token (alg "none") → 401', headers: async (b) => [bearer(unsigned(b.claims))] },
  {
    id: 'INT-JWT-ALG-CONFUSION', title: 'A token signed with an RSA or EC key (not the HMAC allowlist) → 401',
    headers: async (b) => [bearer(await signWithFreshKey(b.claims, 'RS256')), bearer(await signWithFreshKey(b.claims, 'ES256'))],
  },
  {
    id: 'INT-JWT-ALG-NOT-ALLOWLISTED', title: 'A token signed with the secret under an HMAC algorithm outside the profile\'s → 401',
    needsSecret: true,
    headers: async (b) => {
      const other = b.alg === 'HS512' ? 'HS384' : 'HS512';
      return [bearer(await resign(b, b.claims, other))];
    },
  },
  {
    id: 'INT-JWT-EXPIRED', title: `An expired token → 401 (1 h ago, and ${TOLERANCE_EDGE_S} s ago: AUTH-2's 30 s tolerance edge)`, needsSecret: true,
    headers: async (b) => {
      const t = await b.serverNow();
      return [
        bearer(await resign(b, edit(b.claims, { iat: now() - 7200, exp: now() - 3600 }))),
        bearer(await resign(b, edit(b.claims, { iat: t - 600, exp: t - TOLERANCE_EDGE_S }))),
      ];
    },
  },
  {
    id: 'INT-JWT-NBF-FUTURE', title: `A token whose nbf is in the future → 401 (in 1 h, and in ${NBF_EDGE_S} s: near the 30 s tolerance edge)`, needsSecret: true, perRequest: true,
    headers: async (b) => [
      bearer(await resign(b, edit(b.claims, { nbf: now() + 3600 }))),
      bearer(await resign(b, edit(b.claims, { nbf: (await b.serverNow()) + NBF_EDGE_S }))),
    ],
  },
  {
    id: 'INT-JWT-NO-EXP', title: 'A token without exp → 401', needsSecret: true,
    headers: async (b) => [bearer(await resign(b, edit(b.claims, {}, ['exp'])))],
  },
  {
    id: 'INT-JWT-WRONG-AUD', title: 'A token for another audience → 401', needsSecret: true,
    headers: async (b) => [
      bearer(await resign(b, edit(b.claims, { aud: 'gx-other-api' }))),
      bearer(await resign(b, edit(b.claims, { aud: ['gx-api', 'gx-api-refresh'] }))),
    ],
  },
  {
    id: 'INT-JWT-WRONG-ISS', title: 'A token from another issuer → 401', needsSecret: true,
    headers: async (b) => [bearer(await resign(b, edit(b.claims, { iss: 'gx-other-issuer' })))],
  },
  {
    id: 'INT-JWT-BAD-PAYLOAD', title: 'A token without a valid role, profileId or tenantId → 401', needsSecret: true,
    headers: async (b) => [
      bearer(await resign(b, edit(b.claims, {}, ['role']))),
      bearer(await resign(b, edit(b.claims, { role: 'ROOT' }))),
      bearer(await resign(b, edit(b.claims, { profileId: '' }))),
      bearer(await resign(b, edit(b.claims, {}, ['tenantId']))),
    ],
  },
  {
    id: 'INT-JWT-REFRESH-AS-ACCESS', title: 'A refresh token used as an access token → 401',
    headers: async (b) => [bearer(await b.refreshToken())],
  },
];
