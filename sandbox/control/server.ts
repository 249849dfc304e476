import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultSwitchboard } from '../faults/switchboard';
import type { StartedGate } from '../infra/gate';
import type { StartedServices } from '../services/deps';
import { REASON_PHRASES } from '../../src/catalog/envelope';
import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import { LOOPBACK } from '../infra/ports';
import { ledgerRoute, type LedgerControl } from './ledger-routes';
import { clusterRoute } from '../cluster/control-route';
import type { SandboxCluster } from '../cluster/sandbox-cluster';
import { opsRoute, type OpsControl } from './ops-routes';

export interface StartedControl extends AsyncDisposable {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Errors use the contract's E1 envelope, like every other HTTP answer of the sandbox. */
function fail(res: http.ServerResponse, status: number, message: string): void {
  send(res, status, { error: REASON_PHRASES[status], message });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Malformed JSON in request body'), { status: 400 });
  }
}

/**
 * The sandbox's control endpoint, bound to loopback only: read and set the fault switches of the
 * running sandbox, and cut or restore its database path. The project's own tests walk through
 * every fault with it without restarting the sandbox.
 */
export async function startControlServer(parts: {
  faults: FaultSwitchboard; gate: StartedGate; services?: StartedServices; ledger?: LedgerControl; port?: number;
  monitoring?: OpsControl['monitoring']; postgres?: OpsControl['postgres']; cluster?: SandboxCluster;
}): Promise<StartedControl> {
  const ops: OpsControl = { monitoring: parts.monitoring, postgres: parts.postgres, dr: parts.ledger?.dr };
  const { faults, gate, services } = parts;
  /** POST /dependencies/service/<key>/stop|start: stop or restart one API service (edge health checks). */
  const serviceRoute = async (method: string | undefined, path: string, res: http.ServerResponse): Promise<boolean> => {
    const m = /^\/dependencies\/service\/([a-z]+)\/(stop|start)$/.exec(path);
    if (method !== 'POST' || !m) return false;
    const key = m[1] as ServiceKey;
    if (!SERVICE_KEYS.includes(key)) { fail(res, 404, `Unknown service ${m[1]}`); return true; }
    if (!services?.stopService || !services.startService) { fail(res, 404, 'This sandbox cannot stop single services'); return true; }
    await (m[2] === 'stop' ? services.stopService(key) : services.startService(key));
    send(res, 200, { service: key, state: m[2] === 'stop' ? 'stopped' : 'running' });
    return true;
  };
  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>> = {
    'GET /health': async (_req, res) => send(res, 200, { status: 'ok', faults: faults.list(), database: gate.isCut ? 'cut' : 'connected' }),
    'GET /faults': async (_req, res) => send(res, 200, { faults: faults.list() }),
    'PUT /faults': async (req, res) => {
      const body = await readJson(req);
      const names = (body as { faults?: unknown } | null)?.faults;
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
        return fail(res, 400, 'Body must be {"faults": [<fault name>, ...]}');
      }
      try {
        await faults.set(names);
      } catch (err) {
        return fail(res, 400, (err as Error).message);
      }
      send(res, 200, { faults: faults.list() });
    },
    'POST /dependencies/database/cut': async (_req, res) => {
      gate.cut();
      send(res, 200, { database: 'cut' });
    },
    'POST /dependencies/database/restore': async (_req, res) => {
      gate.restore();
      send(res, 200, { database: 'connected' });
    },
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/(.)\/$/, '$1');
    const route = routes[`${req.method} ${path}`] ?? (async (rq: http.IncomingMessage, rs: http.ServerResponse) => {
      if (await ledgerRoute(parts.ledger, rq.method, path, () => readJson(rq), rs, send)) return;
      if (await clusterRoute(parts.cluster, rq.method, path, rs, send)) return;
      if (await opsRoute(ops, rq.method, rq.url ?? '/', rs, send)) return;
      if (!(await serviceRoute(rq.method, path, rs))) fail(rs, 404, `Route ${rq.method} ${path} not found`);
    });
    route(req, res).catch((err: { status?: number; message?: string }) => {
      if (res.headersSent) return res.destroy();
      // A listener failing (e.g. the schema-drift ALTER) is reported without internals.
      fail(res, err.status ?? 500, err.status ? String(err.message) : 'Internal server error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parts.port ?? 0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${LOOPBACK}:${port}`, port, stop, [Symbol.asyncDispose]: stop };
}
