import { SERVICE_KEYS, SERVICES } from '../../src/catalog/services';
import { canBind } from '../infra/ports';

/**
 * Before anything starts: the fixed ports a sandbox will bind. With `ports: 'default'` the seven
 * services take the contract's 3001–3007 (SVC-1); everything else (PostgreSQL, Redis, edges,
 * ledger, control) takes free ports. A taken one is named with the part that needs it and the
 * way out, instead of a boot that fails (or hangs) halfway with databases left behind.
 */
export class PortTaken extends Error {
  constructor(readonly taken: Array<{ port: number; part: string }>) {
    super(`${taken.map((t) => `port ${t.port} (${t.part})`).join(', ')} ${taken.length === 1 ? 'is' : 'are'} already in use on 127.0.0.1. `
      + 'Start the sandbox on free ports with `--ports free` (or GX_VERIFY_SANDBOX_PORTS=free), or stop the process holding '
      + `${taken.length === 1 ? 'it' : 'them'} (\`ss -ltnp 'sport = :${taken[0].port}'\` names it).`);
    this.name = 'PortTaken';
  }
}

export function fixedPorts(ports: 'default' | 'free'): Array<{ port: number; part: string }> {
  if (ports === 'free') return [];
  return SERVICE_KEYS.map((k) => ({ port: SERVICES[k].defaultPort, part: SERVICES[k].name }));
}

/** Throws PortTaken naming every fixed port that is not free. */
export async function preflightPorts(ports: 'default' | 'free'): Promise<void> {
  const wanted = fixedPorts(ports);
  const free = await Promise.all(wanted.map((w) => canBind(w.port)));
  const taken = wanted.filter((_, i) => !free[i]);
  if (taken.length > 0) throw new PortTaken(taken);
}
