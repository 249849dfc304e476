import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StartedSandbox } from '../../sandbox';
import type { ServiceDeps, StartedServices } from '../../sandbox/services/deps';
import { SERVICE_KEYS, SERVICES, type ServiceKey } from '../../src/catalog/services';
import { leftovers } from './leftovers';

/**
 * A minimal stand-in for the seven services: /health, and /readyz that runs a query through the
 * pool the sandbox hands over (so the gate is on its path). It tests the assembly, not the services.
 */
async function fakeServices(deps: ServiceDeps, ports: Record<ServiceKey, number>): Promise<StartedServices> {
  const servers = await Promise.all(SERVICE_KEYS.map((key) => new Promise<http.Server>((resolve) => {
    const server = http.createServer(async (req, res) => {
      if (req.url === '/readyz') {
        const ok = await deps.db.query('SELECT 1').then(() => true, () => false);
        res.writeHead(ok ? 200 : 503).end(JSON.stringify({ status: ok ? 'ready' : 'not_ready' }));
      } else {
        res.writeHead(200).end(JSON.stringify({ status: 'ok', service: SERVICES[key].name }));
      }
    });
    server.listen(ports[key], '127.0.0.1', () => resolve(server));
  })));
  return {
    urls: Object.fromEntries(SERVICE_KEYS.map((k, i) => [k, `http://127.0.0.1:${(servers[i].address() as AddressInfo).port}`])) as Record<ServiceKey, string>,
    stop: async () => {
      await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
    },
  };
}

function partsOf(sandbox: StartedSandbox) {
  return {
    pids: [sandbox.infra.postgres.pid, sandbox.infra.redis.pid],
    ports: [sandbox.infra.postgres.port, sandbox.infra.redis.port, sandbox.gate.port, new URL(sandbox.controlUrl).port,
      ...Object.values(sandbox.services).map((u) => new URL(u).port),
      ...(sandbox.edges?.list.flatMap((e) => Object.values(e.ports)) ?? [])].map(Number),
    dirs: [sandbox.tempDir],
  };
}

describe('startSandbox assembly (stand-in services)', () => {
  let sandbox: StartedSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free', faults: ['schema-drift'] }, { startServices: fakeServices });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('writes a fresh JWT secret and the database URL to owner-only files in its temp dir', () => {
    for (const file of [sandbox.jwtSecretFile, sandbox.databaseUrlFile]) {
      expect(path.dirname(file)).toBe(sandbox.tempDir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(sandbox.jwtSecretFile, 'utf8').length).toBeGreaterThanOrEqual(48);
    expect(readFileSync(sandbox.databaseUrlFile, 'utf8')).toBe(sandbox.databaseUrl);
  });

  it('migrates, seeds the sandbox world, and applies the faults it was started with', async () => {
    const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
    pool.on('error', () => undefined);
    try {
      const user = await pool.query('SELECT "role" FROM "UserProfile" WHERE "profileId" = $1', [sandbox.world.users.superAdmin.profileId]);
      expect(user.rows).toEqual([{ role: 'SUPER_ADMIN' }]);
      expect(sandbox.world.namespace).toBe('sandbox');
      const kyc = await pool.query(`SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS v FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'KycStatus'`);
      expect(kyc.rows[0].v).toContain('EXPIRED_LEGACY');
      const heartbeat = await pool.query(`SELECT now() - "heartbeatAt" < interval '3 seconds' AS fresh FROM "ProjectorState" WHERE "tenantId" = 'default'`);
      expect(heartbeat.rows).toEqual([{ fresh: true }]);
    } finally {
      await pool.end();
    }
  });

  it('describes itself as a profile with secrets by file reference only', () => {
    const doc = sandbox.profileDocument();
    expect(doc).toMatchObject({
      name: 'sandbox', tenantId: 'default', allowWrites: true,
      auth: { mode: 'mint', secret: { file: sandbox.jwtSecretFile }, issuer: 'gx-identity-service', audience: 'gx-api', algorithm: 'HS256' },
      database: { url: { file: sandbox.databaseUrlFile } },
      allowLoad: { maxRequests: 200000, maxDurationS: 3600 },
      sandbox: { control: sandbox.controlUrl },
    });
    expect(doc.regions).toEqual([
      { name: 'local', services: sandbox.services },
      ...['asia', 'north-america', 'europe'].map((name) => {
        const edge = sandbox.edges!.edges[name as 'asia']!;
        return {
          name, baseUrl: `https://api.gxcoin.money:${edge.ports.delayed}`, connectTo: `127.0.0.1:${edge.ports.delayed}`,
          ca: sandbox.edges!.certs.caPath, httpUrl: edge.httpUrl,
        };
      }),
    ]);
    const file = path.join(sandbox.tempDir, 'profile.yaml');
    sandbox.writeProfile(file);
    const text = readFileSync(file, 'utf8');
    expect(YAML.parse(text)).toEqual(doc);
    expect(text).not.toContain(readFileSync(sandbox.jwtSecretFile, 'utf8'));
    expect(text).not.toContain(new URL(sandbox.databaseUrl).password);
  });

  it('cuts the services\' database path from the control endpoint, and switches faults live', async () => {
    const readyz = async () => (await fetch(`${sandbox.services.admin}/readyz`)).status;
    expect(await readyz()).toBe(200);
    await fetch(`${sandbox.controlUrl}/dependencies/database/cut`, { method: 'POST' });
    expect(await readyz()).toBe(503);
    await fetch(`${sandbox.controlUrl}/dependencies/database/restore`, { method: 'POST' });
    expect(await readyz()).toBe(200);

    const put = await fetch(`${sandbox.controlUrl}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"faults":[]}' });
    expect(await put.json()).toEqual({ faults: [] });
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('stops without leaving a process, port or directory', async () => {
    const parts = partsOf(sandbox);
    await sandbox.stop();
    expect(await leftovers(parts)).toEqual([]);
  });
});

describe('startSandbox refuses bad input before starting anything', () => {
  it('rejects an unknown fault name', async () => {
    await expect(startSandbox({ faults: ['no-such-fault'], ports: 'free' })).rejects.toThrow(/Unknown fault "no-such-fault"/);
  });
});

describe('startSandbox with the real services', () => {
  let sandbox: StartedSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free' });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('starts all seven services, each healthy and ready', async () => {
    expect(Object.keys(sandbox.services).sort()).toEqual([...SERVICE_KEYS].sort());
    for (const key of SERVICE_KEYS) {
      const health = await fetch(`${sandbox.services[key]}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { service: string }).service).toBe(SERVICES[key].name);
      expect((await fetch(`${sandbox.services[key]}/readyz`)).status).toBe(200);
    }
  });

  it('shows /readyz 503 while the database is cut, and recovers', async () => {
    const url = `${Object.values(sandbox.services)[0]}/readyz`;
    sandbox.gate.cut();
    const cut = await fetch(url);
    expect(cut.status).toBe(503);
    expect(((await cut.json()) as { checks: { database: { status: string } } }).checks.database.status).toBe('unhealthy');
    sandbox.gate.restore();
    expect((await fetch(url)).status).toBe(200);
  });

  it('stops without leaving a process, port or directory', async () => {
    const parts = partsOf(sandbox);
    await sandbox.stop();
    expect(await leftovers(parts)).toEqual([]);
  });
});
