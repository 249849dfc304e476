import net from 'node:net';
import { endpointsOf } from '../../../src/catalog/index';
import { SERVICES } from '../../../src/catalog/services';
import { defineCheck, pass, skip } from '../../../src/checks/define';
import type { EvidenceItem } from '../../../src/evidence/types';
import type { ServiceProcessTarget } from '../../../src/profile/target';
import { setTimeout as delay } from 'node:timers/promises';
import { inBatches } from '../../../src/clients/http';
import { freePort, isListening } from '../../../src/clients/loopback';
import { awaitStart, describeExit, withProcess } from './harness';
import { NO_SECTION, WIDTH, section, evidence, baseFailed } from './support';

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

export const sigtermCheck = defineCheck({
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
        accepting = await isListening(port);
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
