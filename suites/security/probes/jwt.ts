import pg from 'pg';
import { createHash } from 'node:crypto';
import type { CheckContext } from '../../../src/checks/define';
import { endpointById } from '../../../src/catalog/index';
import { evidenceOf, urlOf, type ProbeReply, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { JWT, setId } from './support/payloads';
import { worldOf } from './support/slots';
import { attackerKey, hmacToken, keyServer } from './support/tokens';

/**
 * SEC-PROBE-JWT: header parameters never choose or fetch a key (SEC-JWT-1): `kid` path traversal
 * and SQL with tokens signed by the attacker's key, `jku`/`x5u` pointing at a loopback key server
 * (any fetch is a finding), an embedded `jwk`, `x5c` — all 401; valid tokens with odd `kid` values
 * still work. Tokens of SUSPENDED, CLOSED and deleted profiles (SEC-JWT-2) serve queries but never
 * commands (403 "Account is inactive" SHOULD), and a frozen wallet cannot send (VAL-4).
 */

const route = endpointById;

function claimsOf(ctx: CheckContext, profileId: string, role = 'USER'): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { profileId, role, tenantId: ctx.target.tenantId, iss: ctx.target.auth.issuer, aud: ctx.target.auth.audience, iat: now, exp: now + 600, jti: `gxv-${now}` };
}

async function headerInjection(session: ProbeSession, ctx: CheckContext): Promise<number> {
  const w = worldOf(ctx);
  const me = w.users.userA;
  const url = urlOf(ctx, route('I5'), { id: me.profileId });
  const claims = claimsOf(ctx, me.profileId);
  const key = attackerKey();
  const server = await keyServer({ keys: [key.publicJwk, { kty: 'oct', k: Buffer.from('gxv-attacker-key').toString('base64url'), kid: 'gxv-oct' }] });
  let judged = 0;
  try {
    const attacks: Array<[string, string]> = [
      ...JWT.kid.map((k): [string, string] => [`kid ${JSON.stringify(k.kid)} signed with ${JSON.stringify(k.key)}`, hmacToken({ alg: 'HS256', typ: 'JWT', kid: k.kid }, claims, k.key)]),
      [`jku → ${server.url}/jwks.json (RS256)`, key.sign({ jku: `${server.url}/jwks.json`, kid: 'gxv-attacker' }, claims)],
      [`jku → ${server.url}/jwks.json (HS256 oct key)`, hmacToken({ alg: 'HS256', jku: `${server.url}/jwks.json`, kid: 'gxv-oct' }, claims, 'gxv-attacker-key')],
      [`x5u → ${server.url}/cert.pem`, key.sign({ x5u: `${server.url}/cert.pem` }, claims)],
      ['embedded jwk (RSA)', key.sign({ jwk: key.publicJwk }, claims)],
      ['embedded jwk (oct)', hmacToken({ alg: 'HS256', jwk: { kty: 'oct', k: Buffer.from('gxv-attacker-key').toString('base64url') } }, claims, 'gxv-attacker-key')],
      ['x5c with the attacker key', key.sign({ x5c: [String(key.publicJwk.n)] }, claims)],
    ];
    for (const [label, token] of attacks) {
      const reply = await session.send({ method: 'GET', url, token, endpoint: 'I5', note: `I5 with ${label}` }, 'header');
      if (!reply) continue;
      judged++;
      if (reply.status !== 401) ctx.findings.add(finding('SEC-JWT-1', 'I5', `I5: a token with ${label} answered ${reply.status}; only JWT_SECRET may verify a token`, evidenceOf(reply)));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (server.hits.length > 0) ctx.findings.add(finding('SEC-JWT-1', 'I5', `the target fetched keys because of a token header: ${server.hits.join(', ')}`, []));
  } finally {
    await server.close();
  }
  // Valid tokens with odd kid values: verified with the secret, whatever the kid says.
  if (ctx.target.auth.secret) {
    for (const kid of JWT.benignKids) {
      const token = hmacToken({ alg: ctx.target.auth.algorithm, typ: 'JWT', kid }, claims, ctx.target.auth.secret);
      const reply = await session.send({ method: 'GET', url, token, endpoint: 'I5', note: `I5 with a valid token and kid ${JSON.stringify(kid)}` }, 'benign');
      if (!reply) continue;
      judged++;
      if (reply.status >= 500) ctx.findings.add(finding('SEC-JWT-1', 'I5', `I5: a valid token with kid ${JSON.stringify(kid)} caused ${reply.status}`, evidenceOf(reply)));
      else if (reply.status !== 200) ctx.findings.add(finding('SEC-JWT-1', 'I5', `I5: a valid token with kid ${JSON.stringify(kid)} answered ${reply.status}; kid must not decide verification`, evidenceOf(reply), { advisory: true }));
    }
  } else ctx.observe.unusable('valid tokens with odd kid values: needs the signing secret (auth mode mint)');
  return judged;
}

type Inactive = 'SUSPENDED' | 'CLOSED' | 'deleted';

/** Profiles of this run that are inactive, written straight into the read model (contract §14), removed afterwards. */
async function withInactiveUsers<T>(ctx: CheckContext, fn: (ids: Record<Inactive, string>) => Promise<T>): Promise<T | null> {
  if (!ctx.target.database || !ctx.target.auth.secret) {
    ctx.observe.unusable('inactive profiles: need database access and the signing secret');
    return null;
  }
  const w = worldOf(ctx);
  const pool = new pg.Pool({ connectionString: ctx.target.database.url, max: 1, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  const ids = { SUSPENDED: `${w.namespace}-probe-suspended`, CLOSED: `${w.namespace}-probe-closed`, deleted: `${w.namespace}-probe-deleted` } as Record<Inactive, string>;
  try {
    for (const [kind, id] of Object.entries(ids) as Array<[Inactive, string]>) {
      await pool.query(
        `INSERT INTO "UserProfile" ("profileId","tenantId","email","passwordHash","firstName","lastName","biometricHash","status","deletedAt")
         VALUES ($1,$2,$3,'x','Gxv','Inactive',$4,$5,$6) ON CONFLICT ("profileId") DO UPDATE SET "status" = EXCLUDED."status", "deletedAt" = EXCLUDED."deletedAt"`,
        [id, ctx.target.tenantId, `${id}@example.test`, createHash('sha256').update(id).digest('hex'), kind === 'deleted' ? 'VERIFIED' : kind, kind === 'deleted' ? new Date() : null],
      );
    }
    return await fn(ids);
  } catch (error) {
    ctx.observe.unusable(`inactive profiles could not be written: ${(error as Error).message.slice(0, 80)}`);
    return null;
  } finally {
    await pool.query(`DELETE FROM "UserProfile" WHERE "profileId" = ANY($1)`, [Object.values(ids)]).catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

async function inactiveTokens(session: ProbeSession, ctx: CheckContext): Promise<number> {
  const judged = await withInactiveUsers(ctx, async (ids) => {
    let n = 0;
    for (const [kind, id] of Object.entries(ids) as Array<[Inactive, string]>) {
      const token = hmacToken({ alg: ctx.target.auth.algorithm, typ: 'JWT' }, claimsOf(ctx, id), ctx.target.auth.secret!);
      const query = await session.send({ method: 'GET', url: urlOf(ctx, route('I5'), { id }), token, endpoint: 'I5', note: `I5 as a ${kind} profile` }, 'inactive');
      const command = await session.send({ method: 'PATCH', url: urlOf(ctx, route('I6'), { id }), token, body: '{"lastName":"Gxv"}', endpoint: 'I6', note: `I6 as a ${kind} profile` }, 'inactive');
      if (query) {
        n++;
        if (query.status >= 500 || query.status === 401) ctx.findings.add(finding('SEC-JWT-2', 'I5', `I5 (a query) as a ${kind} profile answered ${query.status}; its token serves queries until exp (AUTH-8)`, evidenceOf(query)));
      }
      if (command) {
        n++;
        const message = (command.json as { message?: unknown } | undefined)?.message;
        if (command.status < 400 || command.status >= 500) ctx.findings.add(finding('SEC-JWT-2', 'I6', `I6 (a command) as a ${kind} profile answered ${command.status}; commands of inactive profiles are refused`, evidenceOf(command)));
        else if (command.status !== 403 || message !== 'Account is inactive') ctx.findings.add(finding('SEC-JWT-2', 'I6', `I6 as a ${kind} profile answered ${command.status} ${JSON.stringify(message)}; expected 403 "Account is inactive"`, evidenceOf(command), { advisory: true }));
      }
    }
    return n;
  });
  return judged ?? 0;
}

/** VAL-4: a frozen wallet cannot send, whatever its owner's token says. */
async function frozenSender(session: ProbeSession, ctx: CheckContext): Promise<number> {
  const w = worldOf(ctx);
  const frozen = w.users.frozen;
  const reply: ProbeReply | null = await session.send({
    method: 'POST', url: urlOf(ctx, route('#1')), token: await session.token('frozen'), endpoint: '#1', note: '#1 from the frozen wallet',
    body: JSON.stringify({ fromUserId: frozen.profileId, toUserId: w.users.userB.profileId, amount: '0.01' }),
  }, 'frozen');
  if (!reply) return 0;
  if (reply.status < 400 || reply.status >= 500) ctx.findings.add(finding('VAL-4', '#1', `#1 from a frozen wallet answered ${reply.status}; expected 400 "Sender wallet is frozen"`, evidenceOf(reply)));
  return 1;
}

export const jwtProbeCheck = probeFamily({
  id: 'SEC-PROBE-JWT',
  title: 'Token headers never choose or fetch a key; inactive profiles\' tokens send no commands (SEC-JWT-1, SEC-JWT-2)',
  rules: ['SEC-JWT-1', 'SEC-JWT-2', 'VAL-4'],
  timeoutMs: 180_000,
  payloads: [setId(JWT)],
  async run(session, ctx) {
    const judged = (await headerInjection(session, ctx)) + (await inactiveTokens(session, ctx)) + (await frozenSender(session, ctx));
    ctx.observe.judged(judged);
    return { message: `${judged} hostile or inactive-profile tokens answered as the contract says (${session.sent} requests)`, measurements: { judged } };
  },
});
