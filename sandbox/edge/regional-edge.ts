import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceKey } from '../../src/catalog/services';
import { EDGE_FAULT_NAMES, type EdgeFaultName } from '../faults/edge-faults';
import { SLOW_REGION, SLOW_REGION_EXTRA_MS } from '../faults/load-faults';
import { FaultSwitchboard } from '../faults/switchboard';
import type { EdgeCerts } from './certs';
import { startDelayProxy, type DelayProxy } from './delay-proxy';
import { startHealthAggregator } from './health-aggregator';
import { renderNginxConf, type EdgePorts, type EdgeRegion } from './nginx-conf';
import { NginxProcess } from './nginx-process';
import { freePorts } from './ports';

/** Default emulated round-trip times, as seen from a probe in asia. */
export const DEFAULT_RTT_MS: Record<EdgeRegion, number> = { asia: 5, 'north-america': 90, europe: 60 };

export interface RegionalEdgeOptions {
  region: EdgeRegion;
  /** Where each service listens (http://127.0.0.1:port). */
  upstreams: Record<ServiceKey, string>;
  certs: EdgeCerts;
  /** The sandbox's switchboard (edges follow its changes), or the initial fault names. */
  faults?: FaultSwitchboard | Iterable<string>;
  /** Round-trip time added in front of HTTPS; defaults to DEFAULT_RTT_MS[region]. */
  rttMs?: number;
  /** EDGE-9 trusted proxy ranges (CIDR); none by default. */
  trustedProxies?: string[];
  /** Upstream timeout in seconds before 504 (default 60, EDGE-11). */
  upstreamTimeoutS?: number;
}

export interface StartedEdge {
  region: EdgeRegion;
  /** HTTPS through the delay proxy: what clients use. */
  httpsUrl: string;
  /** HTTPS straight to nginx (no emulated latency). */
  directHttpsUrl: string;
  /** Plain HTTP (port-80 role: ACME and redirects). */
  httpUrl: string;
  rttMs: number;
  ports: EdgePorts & { delayed: number };
  /** The switchboard this edge follows; `await faults.set([...])` resolves after nginx reloaded. */
  faults: FaultSwitchboard;
  /** The generated nginx.conf in use (for secret scans and debugging). */
  confPath: string;
  /** Files here are served on port 80 under /.well-known/acme-challenge/. */
  acmeDir: string;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const edgeFaultsOf = (board: FaultSwitchboard): EdgeFaultName[] => EDGE_FAULT_NAMES.filter((name) => board.isOn(name));

/** Starts tried on fresh ports when one was taken meanwhile. */
const BIND_ATTEMPTS = 5;

async function edgePorts(): Promise<EdgePorts> {
  const [http, https, internal, health] = await freePorts(4);
  return { http, https, internal, health };
}

/** nginx's "bind() to … failed (98: Address already in use)", or Node's EADDRINUSE. */
function portTaken(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EADDRINUSE' || /Address already in use/.test(String((error as Error)?.message ?? error));
}

/** One regional nginx edge: builder (options) → `start()` → StartedEdge. */
export class RegionalEdge {
  constructor(private readonly options: RegionalEdgeOptions) {}

  async start(): Promise<StartedEdge> {
    const { region, upstreams, certs } = this.options;
    const rttMs = this.options.rttMs ?? DEFAULT_RTT_MS[region];
    const board = this.options.faults instanceof FaultSwitchboard ? this.options.faults : new FaultSwitchboard(this.options.faults ?? []);
    const prefixDir = await mkdtemp(join(tmpdir(), `gx-edge-${region}-`));
    let ports: EdgePorts = await edgePorts();
    let nginx = new NginxProcess(prefixDir, ports.internal);
    let generation = 0;
    let applied = '';
    const render = () => renderNginxConf({
      region, prefixDir, ports, upstreams, certs, generation,
      trustedProxies: this.options.trustedProxies, upstreamTimeoutS: this.options.upstreamTimeoutS,
      isOn: (fault) => board.isOn(fault),
      runAsRoot: process.getuid?.() === 0,
    });

    let aggregator: Server | undefined;
    let proxy: DelayProxy | undefined;
    let unsubscribe = () => {};
    const cleanup = async () => {
      unsubscribe();
      await proxy?.close();
      await nginx.stop();
      await new Promise((resolve) => (aggregator ? aggregator.close(resolve) : resolve(undefined)));
      await rm(prefixDir, { recursive: true, force: true });
    };
    try {
      applied = edgeFaultsOf(board).join(',');
      // Free ports are only free until someone binds them: another process can take one between
      // freePorts() and nginx's bind(). Then the start is retried on new ports.
      for (let attempt = 1; ; attempt++) {
        try {
          aggregator = await startHealthAggregator(region, `http://127.0.0.1:${ports.internal}`, ports.health);
          await nginx.writeAndTest(render());
          await nginx.start(generation);
          break;
        } catch (error) {
          if (attempt >= BIND_ATTEMPTS || !portTaken(error)) throw error;
          await nginx.stop();
          await new Promise((resolve) => (aggregator ? aggregator.close(resolve) : resolve(undefined)));
          aggregator = undefined;
          ports = await edgePorts();
          nginx = new NginxProcess(prefixDir, ports.internal);
        }
      }
      // Fault slow-region: this one edge moves further away (the proxy's delay grows while it is on).
      const extra = () => (region === SLOW_REGION && board.isOn('slow-region') ? SLOW_REGION_EXTRA_MS : 0);
      proxy = await startDelayProxy(ports.https, rttMs, 0, extra);
      // Reload only when an edge fault changed; other parts' faults leave nginx alone.
      let chain = Promise.resolve();
      unsubscribe = board.onChange(() => {
        chain = chain.then(async () => {
          const next = edgeFaultsOf(board).join(',');
          if (next === applied) return;
          generation += 1;
          await nginx.writeAndTest(render());
          await nginx.reload(generation);
          applied = next;
        });
        return chain;
      });
    } catch (error) {
      await cleanup();
      throw error;
    }

    const delayed = proxy.port;
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= cleanup());
    return {
      region, rttMs,
      httpsUrl: `https://127.0.0.1:${delayed}`,
      directHttpsUrl: `https://127.0.0.1:${ports.https}`,
      httpUrl: `http://127.0.0.1:${ports.http}`,
      ports: { ...ports, delayed },
      faults: board,
      confPath: nginx.confPath,
      acmeDir: join(prefixDir, 'acme/.well-known/acme-challenge'),
      stop,
      [Symbol.asyncDispose]: stop,
    };
  }
}
