import net from 'node:net';
import { endpointsOf } from '../../../src/catalog/index';
import { SERVICES } from '../../../src/catalog/services';
import { defineCheck, pass, skip, type CheckContext, type CheckDef } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import type { ServiceProcessTarget } from '../../../src/profile/target';
import { accepts, awaitStart, delay, describeExit, freePort, inBatches, withProcess, type ServiceProcess, type StartOutcome } from './harness';

/**
 * The service process itself (contract §1 SVC-1..3, §15): gx-verify starts the profile's
 * `serviceProcess` on 127.0.0.1 with chosen environment variations and watches where it listens,
 * whether it refuses invalid configuration, and how it stops. Nothing here is visible over HTTP on
 * a running deployment; without the profile section the checks are skipped.
 */

const NO_SECTION = 'Needs how to start one service process of the build under test: the profile has no `serviceProcess` section (service, command, cwd, env).';
/** Processes started at once (two cores, other work beside). */
const WIDTH = 3;

function section(ctx: CheckContext): ServiceProcessTarget | null {
  return ctx.target.serviceProcess ?? null;
}

function evidence(proc: ServiceProcess, note: string): EvidenceItem {
  return { note, response: proc.tail() || '(no output)' };
}

function show(vary: Record<string, string | undefined>): string {
  const parts = Object.entries(vary).map(([k, v]) => (v === undefined ? `${k} unset` : `${k}=${v}`));
  return parts.length ? parts.join(', ') : 'no port variable';
}

/** The base start must work: otherwise no variation can be judged (error, with the process's output). */
function baseFailed(spec: ServiceProcessTarget, proc: ServiceProcess, outcome: StartOutcome, vary: string): Error {
  const what = outcome.kind === 'exited' ? `ended (${describeExit(outcome.exit)})` : `did not listen within ${spec.startTimeoutMs} ms`;
  return new Error(`the declared serviceProcess (${spec.command.join(' ')}) ${what} with its base environment and ${vary}; output:\n${proc.tail()}`);
}

const portCheck = defineCheck({
  id: 'SVC-PROC-PORT',
  layer: 'integration',
  title: 'The service listens on <NAME>_SERVICE_PORT, else PORT, else its default; ports outside 1000–65535 are refused',
  criteria: ['FUNC-1'],
  rules: ['SVC-1'],
  timeoutMs: 180_000,
  async run(ctx) {
    const spec = section(ctx);
    if (!spec) return skip(NO_SECTION);
    const { portVariable: own, defaultPort } = SERVICES[spec.service];
    const defaultBusy = await accepts(defaultPort);
    if (defaultBusy) ctx.observe.unusable(`default port ${defaultPort} already in use on this machine`);
    // Each start gets ports of its own; the starts that could end up on the default port run one
    // after another (a second lane), so no start sees another's listener.
    type Case = { vary: Record<string, string | undefined>; expect: 'own' | 'PORT' | 'default' | 'refused'; base?: true };
    const lanes: Case[][] = [
      [
        { vary: { [own]: 'A', PORT: 'B' }, expect: 'own', base: true },
        { vary: { [own]: undefined, PORT: 'B' }, expect: 'PORT' },
      ],
      [
        { vary: { [own]: '999', PORT: 'B' }, expect: 'refused' },
        { vary: { [own]: undefined, PORT: '70000' }, expect: 'refused' },
        ...(defaultBusy ? [] : [{ vary: { [own]: undefined, PORT: undefined }, expect: 'default' as const }]),
      ],
    ];
    const all: EvidenceItem[] = [];

    const judge = async (c: Case): Promise<void> => {
      const [a, b] = [await freePort(), await freePort()];
      const vary = Object.fromEntries(Object.entries(c.vary).map(([k, v]) => [k, v === 'A' ? String(a) : v === 'B' ? String(b) : v]));
      const names = new Map<number, string>([[a, own], [b, 'PORT'], [defaultPort, 'the default'], [999, own]]);
      const watch = [a, b, ...(defaultBusy ? [] : [defaultPort]), ...(c.expect === 'refused' ? [999] : [])];
      const expected = c.expect === 'own' ? a : c.expect === 'PORT' ? b : defaultPort;
      await withProcess(spec, vary, show(vary), ctx.signal, async (proc) => {
        const outcome = await awaitStart(proc, watch, spec.startTimeoutMs, ctx.signal);
        const label = `${spec.service} with ${show(vary)}`;
        if (c.expect === 'refused') {
          ctx.observe.judged();
          if (outcome.kind === 'exited' && outcome.exit.code !== 0 && outcome.exit.code !== null) {
            all.push(evidence(proc, `${label}: refused to start (${describeExit(outcome.exit)})`));
            return;
          }
          const seen = outcome.kind === 'listening' ? `listened on ${outcome.port} (${names.get(outcome.port)})`
            : outcome.kind === 'exited' ? `ended with ${describeExit(outcome.exit)}` : `was still running after ${outcome.afterMs} ms without listening or exiting`;
          ctx.findings.add({ rule: 'SVC-1', component: 'service', text: `${label}: an out-of-range port is a configuration error (1000–65535, exit non-zero before listening), but the process ${seen}`, evidence: [evidence(proc, 'process output')] });
          return;
        }
        if (outcome.kind !== 'listening') {
          if (c.base) throw baseFailed(spec, proc, outcome, show(vary));
          // Someone else took the default port between the probe and the start: nothing to judge.
          if (c.expect === 'default' && outcome.kind === 'exited' && /EADDRINUSE/.test(proc.tail())) {
            ctx.observe.unusable(`default port ${defaultPort} taken by another process during the start`);
            return;
          }
          ctx.observe.judged();
          ctx.findings.add({ rule: 'SVC-1', component: 'service', text: `${label}: expected to listen on ${expected}, but it ${outcome.kind === 'exited' ? `ended (${describeExit(outcome.exit)})` : `did not listen within ${outcome.afterMs} ms`}`, evidence: [evidence(proc, 'process output')] });
          return;
        }
        ctx.observe.judged();
        if (outcome.port !== expected) {
          ctx.findings.add({ rule: 'SVC-1', component: 'service', text: `${label}: listened on ${outcome.port} (${names.get(outcome.port)}), but the contract's order gives ${expected} (${names.get(expected)})`, evidence: [evidence(proc, 'process output')] });
          return;
        }
        all.push(evidence(proc, `${label}: listened on ${outcome.port}`));
      });
    };
    await Promise.all(lanes.map(async (lane) => {
      for (const c of lane) await judge(c);
    }));
    return pass({ message: `${spec.service}: ${own} wins over PORT, PORT over ${defaultBusy ? 'the default (not tried: in use)' : `the default ${defaultPort}`}; out-of-range ports refused`, evidence: all });
  },
});

/** §15 values that are invalid, one per start: each must make the process exit non-zero before it listens. */
const INVALID: Array<{ vary: Record<string, string | undefined>; why: string }> = [
  { vary: { JWT_SECRET: 'too-short-secret' }, why: 'JWT_SECRET shorter than 32 characters' },
  { vary: { JWT_ALGORITHMS: 'none' }, why: 'JWT_ALGORITHMS allowing none' },
  { vary: { DATABASE_URL: 'mysql://gx@127.0.0.1:3306/gx' }, why: 'DATABASE_URL not a postgresql:// URL' },
  { vary: { DATABASE_URL: undefined }, why: 'DATABASE_URL unset (required)' },
  { vary: { LOG_LEVEL: 'verbose' }, why: 'LOG_LEVEL outside trace…fatal' },
];

const configCheck = defineCheck({
  id: 'SVC-PROC-CONFIG',
  layer: 'integration',
  title: 'Invalid configuration (§15) makes the service exit non-zero before it listens',
  criteria: ['FUNC-1'],
  rules: ['SVC-2'],
  timeoutMs: 180_000,
  async run(ctx) {
    const spec = section(ctx);
    if (!spec) return skip(NO_SECTION);
    const own = SERVICES[spec.service].portVariable;
    const cases = [{ vary: {}, why: null as string | null }, ...INVALID];
    const ports = await Promise.all(cases.map(() => freePort()));
    const all: EvidenceItem[] = [];
    await inBatches(cases.map((c, i) => ({ ...c, port: ports[i] })), WIDTH, (c) => {
      const vary = { ...c.vary, [own]: String(c.port), PORT: undefined };
      return withProcess(spec, vary, c.why ?? 'base', ctx.signal, async (proc) => {
        const outcome = await awaitStart(proc, [c.port], spec.startTimeoutMs, ctx.signal);
        if (c.why === null) {
          if (outcome.kind !== 'listening') throw baseFailed(spec, proc, outcome, `${own}=${c.port}`);
          return;
        }
        ctx.observe.judged();
        if (outcome.kind === 'exited' && outcome.exit.code !== 0 && outcome.exit.code !== null) {
          all.push(evidence(proc, `${c.why}: refused (${describeExit(outcome.exit)})`));
          return;
        }
        const seen = outcome.kind === 'listening' ? `started and listened on ${c.port}`
          : outcome.kind === 'exited' ? `ended with ${describeExit(outcome.exit)}` : `was still running after ${outcome.afterMs} ms without exiting`;
        ctx.findings.add({ rule: 'SVC-2', component: 'service', text: `${spec.service} with ${c.why}: invalid configuration must make it exit non-zero before listening, but it ${seen}`, evidence: [evidence(proc, 'process output')] });
      });
    });
    return pass({ message: `${spec.service} refused ${INVALID.length} invalid configurations before listening`, evidence: all });
  },
});

/** Where the slow request goes: the service's first POST route (its body is read before an answer). */
function slowRequestPath(spec: ServiceProcessTarget): string {
  const post = endpointsOf(spec.service).find((e) => e.method === 'POST');
  return post ? post.path.replace(/:[A-Za-z]+/g, 'x') : '/health';
}

interface Drain { answer: string | null; closedWithout: boolean }

/** The final (non-1xx) status line of what came back, if any. */
function finalStatus(received: string): string | null {
  const lines = received.split('\r\n').filter((l) => /^HTTP\/1\.[01] \d{3}/.test(l));
  return lines.find((l) => !/^HTTP\/1\.[01] 1\d\d/.test(l)) ?? null;
}

/**
 * One request in flight: its headers go with `Expect: 100-continue`, so the service's interim
 * 100 says it has taken the request (`opened` resolves then, or after 5 s without one); half the
 * body follows; `finish()` sends the rest and resolves with the answer (null: none came).
 */
function slowRequest(port: number, path: string): { finish(): Promise<Drain>; opened: Promise<void>; early(): string | null } {
  const body = JSON.stringify({ amount: '1.00', note: 'svc-3 drain probe' });
  const half = Math.floor(body.length / 2);
  const socket = net.connect({ host: '127.0.0.1', port });
  let received = '';
  let onData: () => void = () => undefined;
  socket.on('data', (d) => {
    received += d.toString('latin1');
    onData();
  });
  socket.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const opened = new Promise<void>((resolve) => {
    socket.once('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
      const go = () => {
        clearTimeout(timer);
        onData = () => undefined;
        if (!socket.destroyed) socket.write(body.slice(0, half));
        resolve();
      };
      const timer = setTimeout(go, 5_000);
      onData = () => {
        if (/^HTTP\/1\.[01] \d{3}/.test(received)) go();
      };
    });
    void ended.then(() => resolve());
  });
  return {
    opened,
    early: () => finalStatus(received),
    async finish() {
      if (!socket.destroyed) socket.write(body.slice(half));
      const timer = setTimeout(() => socket.destroy(), 12_000);
      await ended;
      clearTimeout(timer);
      const answer = finalStatus(received);
      return { answer, closedWithout: answer === null };
    },
  };
}

const DRAIN_BOUND_MS = 10_000;
/** Slack on the 10 s bound for a loaded runner (process exit, scheduling). */
const EXIT_SLACK_MS = 5_000;

const sigtermCheck = defineCheck({
  id: 'SVC-PROC-SIGTERM',
  layer: 'integration',
  title: 'On SIGTERM/SIGINT the service stops accepting, finishes the in-flight request and exits 0 within 10 s',
  criteria: ['FUNC-1', 'OPS-4'],
  rules: ['SVC-3'],
  timeoutMs: 180_000,
  async run(ctx) {
    const spec = section(ctx);
    if (!spec) return skip(NO_SECTION);
    const own = SERVICES[spec.service].portVariable;
    const path = slowRequestPath(spec);
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
    const ports = await Promise.all(signals.map(() => freePort()));
    const all: EvidenceItem[] = [];
    await inBatches(signals.map((s, i) => ({ s, port: ports[i] })), WIDTH, ({ s, port }) => withProcess(spec, { [own]: String(port), PORT: undefined }, s, ctx.signal, async (proc) => {
      const outcome = await awaitStart(proc, [port], spec.startTimeoutMs, ctx.signal);
      if (outcome.kind !== 'listening') throw baseFailed(spec, proc, outcome, `${own}=${port}`);
      const request = slowRequest(port, path);
      await request.opened;
      await delay(200); // the service has taken the request and half its body: it is in flight
      if (request.early()) {
        ctx.observe.unusable(`POST ${path} answered before its body was complete`);
        return;
      }
      const sent = Date.now();
      proc.signal(s);
      // New connections: refused once the process has taken the signal (checked for up to 5 s).
      let accepting = true;
      while (Date.now() - sent < 5_000 && accepting) {
        await delay(100);
        accepting = await accepts(port, 500);
      }
      const drained = await request.finish();
      const exit = await Promise.race([proc.exited, delay(Math.max(0, DRAIN_BOUND_MS + EXIT_SLACK_MS - (Date.now() - sent))).then(() => null)]);
      const tookMs = Date.now() - sent;
      ctx.observe.judged();
      const label = `${spec.service} given ${s} during an in-flight POST ${path}`;
      const problems: string[] = [];
      if (accepting) problems.push('it still accepted new connections 5 s after the signal');
      if (drained.closedWithout) problems.push('the in-flight request was dropped: the connection closed without an answer');
      if (exit === null) problems.push(`it was still running ${tookMs} ms after the signal (bound: 10 s)`);
      else if (exit.code !== 0) problems.push(`it ended with ${describeExit(exit)}, not exit code 0`);
      if (problems.length) {
        ctx.findings.add({ rule: 'SVC-3', component: 'service', text: `${label}: ${problems.join('; ')}`, evidence: [evidence(proc, 'process output')] });
        return;
      }
      all.push(evidence(proc, `${label}: new connections refused, the request answered "${drained.answer}", exit 0 after ${tookMs} ms`));
    }));
    return pass({ message: `${spec.service} drains on SIGTERM and SIGINT: in-flight request answered, new connections refused, exit 0`, evidence: all });
  },
});

export const processChecks: CheckDef[] = [portCheck, configCheck, sigtermCheck];
