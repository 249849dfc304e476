import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import type { ServiceDeps, StartedServices } from './deps';
import { createAdminApp } from './admin';
import { createGovernanceApp } from './governance';
import { createLoanpoolApp } from './loanpool';
import { createOrganizationApp } from './organization';
import { createIdentityApp } from './identity';
import { createTaxApp } from './tax';
import { createTokenomicsApp } from './tokenomics';

export type CreateApp = (deps: ServiceDeps) => Express;

/**
 * Every service's app factory, keyed by service. A service joins the sandbox with one line here
 * (and its folder exporting `create<Name>App(deps)`).
 */
export const SERVICE_APPS: Partial<Record<ServiceKey, CreateApp>> = {
  organization: createOrganizationApp,
  loanpool: createLoanpoolApp,
  governance: createGovernanceApp,
  admin: createAdminApp,
  identity: createIdentityApp,
  tokenomics: createTokenomicsApp,
  tax: createTaxApp,
};

const LOOPBACK = '127.0.0.1';
const DRAIN_MS = 10_000;

/**
 * Requests Node's parser refuses before express sees them still get an E1 answer: an unknown
 * method (TRACK, SEC-HDR-2) is 405, anything else malformed is 400 (ERR-1).
 */
function e1ClientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, error, message] = err.code === 'HPE_INVALID_METHOD'
    ? [405, 'Method Not Allowed', 'Method not allowed'] : [400, 'Bad Request', 'Bad request'];
  const body = JSON.stringify({ error, message });
  socket.end(`HTTP/1.1 ${status} ${error}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`);
}

/** One service app on a loopback port (0 = a free port); also the standalone launcher's. */
export function listen(app: Express, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.on('clientError', e1ClientError);
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** SVC-3: stop accepting, let in-flight requests finish (up to 10 s), then cut what is left. */
export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Starts every registered service in this process, each on its own loopback port (0 = a free
 * port). `urls` holds the services that are registered in SERVICE_APPS.
 */
export async function startServices(deps: ServiceDeps, ports: Record<ServiceKey, number>): Promise<StartedServices> {
  const servers = new Map<ServiceKey, http.Server>();
  const apps = new Map<ServiceKey, Express>();
  const urls: Partial<Record<ServiceKey, string>> = {};
  try {
    for (const key of SERVICE_KEYS) {
      const create = SERVICE_APPS[key];
      if (create === undefined) continue;
      const app = create(deps);
      const server = await listen(app, ports[key]);
      servers.set(key, server);
      apps.set(key, app);
      urls[key] = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
    }
  } catch (err) {
    await Promise.all([...servers.values()].map(close));
    throw err;
  }
  const known = (key: ServiceKey) => {
    if (!apps.has(key)) throw new Error(`service ${key} is not running in this sandbox`);
  };
  return {
    urls: urls as Record<ServiceKey, string>,
    stop: async () => {
      await Promise.all([...servers.values()].map(close));
      servers.clear();
    },
    // A stopped service frees its port at once (connections cut) and comes back on the same port.
    stopService: async (key) => {
      known(key);
      const server = servers.get(key);
      if (!server) return;
      servers.delete(key);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    startService: async (key) => {
      known(key);
      if (servers.has(key)) return;
      servers.set(key, await listen(apps.get(key)!, Number(new URL(urls[key]!).port)));
    },
  };
}
