import net from 'node:net';
import type { ProbeJob, ProbeRunner, ProbeTry } from './types';

/**
 * Probes through the sandbox cluster's agents: one Unix-socket connection per source pod, one
 * JSON line per probe, answers matched by id. At most `parallel` probes are in flight in total,
 * and each carries its own timeout, so a run is bounded by jobs / parallel × timeout.
 */

export interface AgentSocket {
  pod: string;
  socket: string;
}

interface Pending {
  resolve: (t: ProbeTry) => void;
  timeoutMs: number;
}

class AgentConnection {
  private readonly conn: net.Socket;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  private nextId = 1;

  constructor(readonly socket: string) {
    this.conn = net.connect(socket);
    this.conn.setEncoding('utf8');
    this.conn.on('data', (chunk: string) => this.onData(chunk));
    this.conn.on('error', (e) => this.failAll(`agent socket: ${e.message}`));
    this.conn.on('close', () => this.failAll('agent socket closed'));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const msg = JSON.parse(line) as { id: number; result: ProbeTry['answer']; ms: number; detail: string };
      const p = this.pending.get(msg.id);
      if (!p) continue;
      this.pending.delete(msg.id);
      p.resolve({ answer: msg.result, ms: msg.ms, detail: msg.detail, timeoutMs: p.timeoutMs });
    }
  }

  private failAll(detail: string): void {
    for (const p of this.pending.values()) p.resolve({ answer: 'error', ms: 0, detail, timeoutMs: p.timeoutMs });
    this.pending.clear();
  }

  probe(job: ProbeJob, timeoutMs: number): Promise<ProbeTry> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, timeoutMs });
      // The agent answers within timeoutMs; the guard only covers an agent that died meanwhile.
      const guard = setTimeout(() => {
        if (this.pending.delete(id)) resolve({ answer: 'error', ms: timeoutMs * 3, detail: 'agent did not answer', timeoutMs });
      }, timeoutMs * 3 + 1_000);
      guard.unref();
      this.conn.write(`${JSON.stringify({ id, host: job.to.ip, port: job.port, protocol: job.protocol, timeoutMs })}\n`);
    });
  }

  close(): void {
    this.conn.destroy();
  }
}

export class AgentProbeRunner implements ProbeRunner {
  private readonly connections = new Map<string, AgentConnection>();

  constructor(readonly label: string, private readonly sockets: readonly AgentSocket[], private readonly parallel = 128) {}

  private connection(pod: string): AgentConnection {
    let c = this.connections.get(pod);
    if (!c) {
      const s = this.sockets.find((x) => x.pod === pod);
      if (!s) throw new Error(`no agent for pod ${pod}`);
      c = new AgentConnection(s.socket);
      this.connections.set(pod, c);
    }
    return c;
  }

  async run(jobs: readonly ProbeJob[], timeoutMs: number, signal?: AbortSignal): Promise<Map<string, ProbeTry>> {
    const out = new Map<string, ProbeTry>();
    let next = 0;
    const worker = async () => {
      while (next < jobs.length && !signal?.aborted) {
        const job = jobs[next++];
        out.set(job.key, await this.connection(job.from.name).probe(job, timeoutMs));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, jobs.length) }, worker));
    return out;
  }

  reproduce(job: ProbeJob): string {
    const socket = this.sockets.find((x) => x.pod === job.from.name)?.socket ?? '<agent socket>';
    const req = JSON.stringify({ id: 1, host: job.to.ip, port: job.port, protocol: job.protocol, timeoutMs: 2000 });
    return `node -e 'const s=require("net").connect(process.argv[1]);s.end(process.argv[2]+"\\n");s.pipe(process.stdout)' ${socket} '${req}'`;
  }

  async close(): Promise<void> {
    for (const c of this.connections.values()) c.close();
    this.connections.clear();
  }
}
