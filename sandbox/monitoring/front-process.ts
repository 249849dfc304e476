import path from 'node:path';
import type { EdgeCerts } from '../edge/certs';
import { NginxProcess } from '../edge/nginx-process';
import type { FaultSwitchboard } from '../faults/switchboard';
import { issueMonitoringCert } from './certs';
import { renderFrontConf, type FrontPorts } from './front';

export type { FrontPorts };

export interface StartedFront {
  /** Re-renders the config from the current faults and reloads nginx (resolves once live). */
  regenerate(): Promise<void>;
  stop(): Promise<void>;
}

/** The monitoring front's nginx (sandbox/monitoring/front.ts), its leaf issued by the sandbox CA. */
export async function startFront(opts: {
  dir: string; ports: FrontPorts; upstreams: { prometheus: number; alertmanager: number };
  certs: EdgeCerts; htpasswdPath: string; runbooksDir: string; faults: FaultSwitchboard;
}): Promise<StartedFront> {
  const cert = await issueMonitoringCert(opts.certs);
  const nginx = new NginxProcess(path.resolve(opts.dir), opts.ports.internal);
  let generation = 1;
  const conf = () => renderFrontConf({
    prefixDir: path.resolve(opts.dir), ports: opts.ports, upstreams: opts.upstreams, cert, htpasswdPath: opts.htpasswdPath,
    runbooksDir: opts.runbooksDir, generation, runAsRoot: process.getuid?.() === 0,
    plainHttp: opts.faults.isOn('monitoring-plain-http'), anonymous: opts.faults.isOn('monitoring-anonymous'),
    unpublished: opts.faults.isOn('runbook-missing') ? ['projector-lag.md'] : [],
  });
  await nginx.writeAndTest(conf());
  await nginx.start(generation);
  return {
    async regenerate() {
      generation++;
      await nginx.writeAndTest(conf());
      await nginx.reload(generation);
    },
    stop: () => nginx.stop(),
  };
}
