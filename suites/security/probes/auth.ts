import type { CheckContext } from '../../../src/checks/define';
import type { FixtureUser } from '../../../src/fixtures/types';
import { answerForm, median } from './support/answers';
import { evidenceOf, urlOf, type ProbeReply, type ProbeSession } from './support/client';
import { finding, probeFamily } from './support/family';
import { AUTH, setId } from './support/payloads';
import { worldOf } from './support/slots';
import { endpointById } from '../../../src/catalog/index';
import { USER_KEYS } from '../../../src/fixtures/ids';

/**
 * SEC-PROBE-AUTH: user enumeration on I1 (SEC-AUTH-1) and credential-stuffing throttling
 * (SEC-AUTH-2). Unknown emails and known emails with a wrong password are tried interleaved, at
 * least 30 times each: same status and body, and medians within 50 ms; a difference is measured
 * again before it counts. Known emails are spread over the fixture identities, at most 5 failures
 * each, so no account reaches the throttle. Each unknown email gets exactly 10 failures, then an
 * 11th try that must be 429 with Retry-After (SHOULD: advisory), and the next email is unaffected.
 * I4's duplicate-email answer is the contract's documented exception and is not judged.
 */

interface Sample { reply: ProbeReply; known: boolean }

interface Round {
  unknown: number[];
  known: number[];
  /** known − unknown of each pair sent at the same moment (both 401). */
  pairs: number[];
  forms: Map<string, ProbeReply>;
  throttles: Array<{ email: string; reply: ProbeReply | null }>;
  /** The first try of the email after the first throttled one: must be an ordinary 401. */
  nextEmailFirst: ProbeReply | null;
}

function login(session: ProbeSession, ctx: CheckContext, email: string, note: string): Promise<ProbeReply | null> {
  const i1 = endpointById('I1');
  return session.send({ method: 'POST', url: urlOf(ctx, i1), body: JSON.stringify({ email, password: AUTH.wrongPassword }), endpoint: 'I1', note }, 'login');
}

async function round(session: ProbeSession, ctx: CheckContext, index: number, users: FixtureUser[]): Promise<Round> {
  const w = worldOf(ctx);
  const tag = `${ctx.runId}-${index}`.replace(/[^A-Za-z0-9-]/g, '').slice(-24);
  const emails = Array.from({ length: Math.ceil(AUTH.timingTries / AUTH.throttleAfter) }, (_, i) => `${w.namespace}-probe-${tag}-${i}@example.test`.toLowerCase());
  const out: Round = { unknown: [], known: [], pairs: [], forms: new Map(), throttles: [], nextEmailFirst: null };
  const keep = (s: Sample | null) => {
    if (!s || s.reply.status !== 401) return;
    (s.known ? out.known : out.unknown).push(s.reply.durationMs);
    const form = answerForm(s.reply, []);
    if (!out.forms.has(form)) out.forms.set(form, s.reply);
  };
  for (let i = 0; i < AUTH.timingTries; i++) {
    const email = emails[Math.floor(i / AUTH.throttleAfter)];
    const user = users[i % users.length];
    // The two of a pair leave together: whatever load the target (or this runner) is under, both see it.
    const [u, k] = await Promise.all([
      login(session, ctx, email, `I1 unknown email, try ${i + 1}`),
      login(session, ctx, user.email, `I1 known email (${user.role}), wrong password, try ${i + 1}`),
    ]);
    keep(u && { reply: u, known: false });
    keep(k && { reply: k, known: true });
    if (u?.status === 401 && k?.status === 401) out.pairs.push(k.durationMs - u.durationMs);
    if (i === AUTH.throttleAfter && out.throttles.length > 0) out.nextEmailFirst = u;
    // After exactly `throttleAfter` failures for this email, the next try must be throttled (once per round 1).
    if (index === 1 && (i + 1) % AUTH.throttleAfter === 0) out.throttles.push({ email, reply: await login(session, ctx, email, `I1 unknown email, try ${AUTH.throttleAfter + 1} (throttle expected)`) });
  }
  return out;
}

const diff = (r: Round) => Math.abs(median(r.known) - median(r.unknown));

/** Beyond the contract's 50 ms, both as a difference of medians and as the median of paired differences. */
const exceeds = (r: Round) => diff(r) > AUTH.maxTimingDifferenceMs && Math.abs(median(r.pairs)) > AUTH.maxTimingDifferenceMs;

/**
 * Three standard errors of the paired median (MAD-based): on a saturated runner a 50 ms difference
 * cannot be told from noise, and a tell must stand above it (a real tell is a slow hash: far above).
 */
function noise(r: Round): number {
  const m = median(r.pairs);
  const mad = median(r.pairs.map((d) => Math.abs(d - m)));
  return (3 * 1.4826 * mad * 1.2533) / Math.sqrt(Math.max(1, r.pairs.length));
}
const beyondNoise = (r: Round) => Math.abs(median(r.pairs)) > noise(r);

function judgeThrottle(ctx: CheckContext, r: Round): void {
  const nextFirst = r.nextEmailFirst;
  const first = r.throttles[0];
  if (!first) return;
  const reply = first.reply;
  const retryAfter = Number(reply?.headers['retry-after']?.[0]);
  const json = reply?.json as { error?: unknown } | undefined;
  if (!reply || reply.status !== 429 || !(retryAfter >= 1) || json?.error !== 'Too Many Requests') {
    ctx.findings.add(finding('SEC-AUTH-2', 'I1', `I1: after ${AUTH.throttleAfter} failed logins for one email, try ${AUTH.throttleAfter + 1} answered ${reply?.status ?? 'nothing'}${reply?.status === 429 ? ' without Retry-After or E1' : ''}; expected 429 (E1) with Retry-After`, evidenceOf(reply), { advisory: true }));
  }
  if (nextFirst && nextFirst.status === 429) {
    ctx.findings.add(finding('SEC-AUTH-2', 'I1', 'I1: a fresh email was throttled after another email reached the limit; other emails must be unaffected', evidenceOf(nextFirst), { advisory: true }));
  }
}

export const authProbeCheck = probeFamily({
  id: 'SEC-PROBE-AUTH',
  title: 'I1 tells no user apart by status, body or timing, and throttles repeated failures per email (SEC-AUTH-1, SEC-AUTH-2)',
  rules: ['SEC-AUTH-1', 'SEC-AUTH-2'],
  // Every fixture user's email is a known email of the timing pairs.
  fixtureItems: [...USER_KEYS],
  timeoutMs: 600_000,
  payloads: [setId(AUTH)],
  async run(session, ctx) {
    const w = worldOf(ctx);
    const users = Object.values(w.users);
    const perUser = Math.ceil(AUTH.timingTries / users.length);
    if (perUser > AUTH.maxFailuresPerKnownEmail) ctx.observe.unusable('too few known emails for 30 tries under the throttle');
    if (perUser > AUTH.maxFailuresPerKnownEmail) return { message: `Not judged: ${users.length} known emails would need ${perUser} failures each (limit ${AUTH.maxFailuresPerKnownEmail})` };
    const rounds = [await round(session, ctx, 1, users)];
    const first = rounds[0];
    judgeThrottle(ctx, first);
    const enough = (r: Round) => r.known.length >= AUTH.timingTries && r.unknown.length >= AUTH.timingTries;
    const tell = (r: Round) => exceeds(r) && beyondNoise(r);
    if (enough(first) && tell(first)) rounds.push(await round(session, ctx, 2, users));
    const forms = new Map(rounds.flatMap((r) => [...r.forms]));
    if (forms.size > 1) {
      const [a, b] = [...forms.values()];
      ctx.findings.add(finding('SEC-AUTH-1', 'I1', `I1: unknown email and wrong password were answered differently (${[...forms.keys()].map((f) => f.slice(0, 90)).join(' | ')})`, evidenceOf(a, b)));
    }
    const judged = rounds.filter(enough);
    if (judged.length === 0) ctx.observe.unusable(`timing: fewer than ${AUTH.timingTries} 401 answers of each kind (throttled or refused)`);
    else if (exceeds(first) && !beyondNoise(first)) ctx.log(`timing: medians differ by ${Math.round(diff(first))} ms, within this run's noise (±${Math.round(noise(first))} ms): not a finding`);
    if (judged.length === 2 && judged.every(tell)) {
      const text = judged.map((r) => `unknown ${Math.round(median(r.unknown))} ms vs known ${Math.round(median(r.known))} ms`).join('; again ');
      const sample = (r: Round) => [...r.forms.values()][0];
      ctx.findings.add(finding('SEC-AUTH-1', 'I1', `I1: login time tells known emails apart: medians ${text} (${AUTH.timingTries} tries each, limit ${AUTH.maxTimingDifferenceMs} ms)`, evidenceOf(sample(judged[0]))));
    }
    ctx.observe.judged(rounds.reduce((n, r) => n + r.known.length + r.unknown.length, 0));
    const last = rounds[rounds.length - 1];
    return {
      message: `I1 over ${rounds.length} round(s): median ${Math.round(median(last.unknown))} ms (unknown email) vs ${Math.round(median(last.known))} ms (wrong password), ${last.unknown.length}/${last.known.length} tries; throttle after ${AUTH.throttleAfter} failures: ${first.throttles[0]?.reply?.status ?? 'not seen'}`,
      measurements: {
        rounds: rounds.length,
        medianUnknownMs: Math.round(median(last.unknown)),
        medianKnownMs: Math.round(median(last.known)),
        differenceMs: Math.round(diff(last)),
        pairedDifferenceMs: Math.round(median(last.pairs)),
        noiseMs: Math.round(noise(last)),
        triesUnknown: last.unknown.length,
        triesKnown: last.known.length,
        throttleStatus: first.throttles[0]?.reply?.status ?? null,
        i4: 'not judged: its duplicate-email answer is documented (SEC-AUTH-1)',
      },
    };
  },
});
