import { describe, expect, it } from 'vitest';
import { compilePodRuleset } from '../../sandbox/cluster/nft-compile';
import { planCluster } from '../../sandbox/cluster/plan';
import { external, model, namespace, pod, policy } from './engine-helpers';

/** The sandbox's network plugin: policies compiled into per-pod nftables tables. */

const m = model([namespace('x'),
  pod('x', 'client', { role: 'client' }, ['7000']),
  pod('x', 'one', { role: 'server' }, ['http:8080']),
  pod('x', 'two', { role: 'server' }, ['http:9000']),
  pod('x', 'free', { role: 'free' }, ['80'])].join('')
  + policy('x', 'servers-in', 'podSelector: { matchLabels: { role: server } }\ningress: [{ from: [{ podSelector: { matchLabels: { role: client } } }], ports: [{ port: http }] }]')
  + policy('x', 'client-out', 'podSelector: { matchLabels: { role: client } }\npolicyTypes: [Egress]\negress:\n  - ports: [{ port: http }]\n  - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }]\n    ports: [{ port: 443 }]'),
[external('internet', '198.19.255.254')]);
const plan = planCluster(m.endpoints, 'gxnptest');
const rules = (name: string) => compilePodRuleset(plan, m, plan.pods.find((p) => p.name === name)!)!;
const ip = (name: string) => plan.pods.find((p) => p.name === name)!.ip;

describe('nftables per pod', () => {
  it('plans one namespace per pod and the external host at its own address, each with a fixed MAC', () => {
    expect(plan.pods.map((p) => `${p.name} ${p.ip}`)).toEqual([
      'client-0 198.18.0.10', 'one-0 198.18.0.11', 'two-0 198.18.0.12', 'free-0 198.18.0.13', 'internet 198.19.255.254',
    ]);
    expect(new Set(plan.pods.map((p) => p.mac)).size).toBe(5);
  });

  it('a pod no policy selects keeps both chains open', () => {
    expect(rules('free-0')).toContain('chain ingress {\n    type filter hook input priority 0; policy accept;\n  }');
    expect(rules('free-0')).toContain('chain egress {\n    type filter hook output priority 0; policy accept;\n  }');
  });

  it('an ingress named port resolves on the pod itself', () => {
    expect(rules('one-0')).toContain(`ip saddr { ${ip('client-0')} } tcp dport 8080 accept comment "x/servers-in ingress[0]"`);
    expect(rules('two-0')).toContain(`ip saddr { ${ip('client-0')} } tcp dport 9000 accept comment "x/servers-in ingress[0]"`);
    expect(rules('one-0')).toContain('policy drop;\n    ct state established,related accept\n    iif "lo" accept');
  });

  it('an egress named port resolves per destination pod; ipBlock never covers pod addresses', () => {
    const out = rules('client-0');
    expect(out).toContain(`ip daddr { ${ip('one-0')} } tcp dport 8080 accept`);
    expect(out).toContain(`ip daddr { ${ip('two-0')} } tcp dport 9000 accept`);
    expect(out).not.toContain('tcp dport 7000');
    expect(out).toContain('ip daddr 0.0.0.0/0 ip daddr != { 10.0.0.0/8, 198.18.0.0/16 } tcp dport 443 accept comment "x/client-out egress[1]"');
  });

  it('no table for an address outside the cluster', () => {
    expect(compilePodRuleset(plan, m, plan.pods.find((p) => p.name === 'internet')!)).toBeNull();
  });
});
