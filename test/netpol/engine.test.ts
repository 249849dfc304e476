import { describe, expect, it } from 'vitest';
import { explainVerdict } from '../../src/netpol/engine/explain';
import { allowed, endpoint, external, model, namespace, pod, policy, verdict } from './engine-helpers';

/**
 * Hand-worked cases of NetworkPolicy v1, one API feature or classic trap each. Every expectation
 * was worked out from the API reference by hand, not by running the engine.
 */

// Two namespaces, x and y, labelled team=x / team=y; pods a and b in x, c in y.
const WORLD = [
  namespace('x', { team: 'x' }), namespace('y', { team: 'y' }),
  pod('x', 'a', { app: 'a', tier: 'web' }), pod('x', 'b', { app: 'b', tier: 'db' }), pod('y', 'c', { app: 'c', tier: 'web' }),
].join('');

describe('NetworkPolicy engine: isolation and defaults', () => {
  it('without policies every connection is allowed (pods are non-isolated)', () => {
    const m = model(WORLD);
    expect(allowed(m, 'x/a', 'x/b', 80)).toBe(true);
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(true);
  });

  it('an empty podSelector selects every pod of its namespace, and only of its namespace', () => {
    const m = model(WORLD + policy('x', 'deny-in', 'podSelector: {}\npolicyTypes: [Ingress]'));
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(false);
    expect(allowed(m, 'x/a', 'x/b', 80)).toBe(false); // same namespace too
    expect(allowed(m, 'x/a', 'y/c', 80)).toBe(true); // y is not selected
    expect(verdict(m, 'x/a', 'x/b', 80).egress.isolated).toBe(false); // ingress-only: egress stays open
  });

  it('policyTypes absent: Ingress always; Egress only when there is at least one egress rule (`egress: []` does not count)', () => {
    const emptyEgress = model(WORLD + policy('x', 'p', 'podSelector: {}\negress: []'));
    expect(verdict(emptyEgress, 'x/a', 'y/c', 80).egress.isolated).toBe(false);
    expect(verdict(emptyEgress, 'y/c', 'x/a', 80).ingress.isolated).toBe(true);
    const withRule = model(WORLD + policy('x', 'p', 'podSelector: {}\negress:\n  - to: [{ podSelector: { matchLabels: { app: b } } }]'));
    expect(verdict(withRule, 'x/a', 'y/c', 80).egress.isolated).toBe(true);
    expect(allowed(withRule, 'x/a', 'y/c', 80)).toBe(false);
    // ...and that same policy also isolates ingress (Ingress is always implied), with no ingress rule.
    expect(allowed(withRule, 'x/b', 'x/a', 80)).toBe(false);
  });

  it('policyTypes [Egress] with no rules denies all egress and leaves ingress open', () => {
    const m = model(WORLD + policy('x', 'deny-out', 'podSelector: {}\npolicyTypes: [Egress]'));
    expect(allowed(m, 'x/a', 'y/c', 80)).toBe(false);
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(true);
  });

  it('empty vs absent rules: `ingress: [{}]` allows everything; absent `ingress` with type Ingress allows nothing', () => {
    const allowAll = model(WORLD + policy('x', 'p', 'podSelector: {}\ningress: [{}]'));
    expect(allowed(allowAll, 'y/c', 'x/a', 80)).toBe(true);
    expect(verdict(allowAll, 'y/c', 'x/a', 80).ingress.isolated).toBe(true);
    const denyAll = model(WORLD + policy('x', 'p', 'podSelector: {}\npolicyTypes: [Ingress]\ningress:'));
    expect(allowed(denyAll, 'y/c', 'x/a', 80)).toBe(false);
    const emptyFrom = model(WORLD + policy('x', 'p', 'podSelector: {}\ningress: [{ from: [], ports: [] }]'));
    expect(allowed(emptyFrom, 'y/c', 'x/a', 80)).toBe(true);
  });

  it('policies are additive: a connection allowed by any selecting policy is allowed', () => {
    const m = model(WORLD
      + policy('x', 'deny', 'podSelector: {}\npolicyTypes: [Ingress]')
      + policy('x', 'allow-b-from-a', 'podSelector: { matchLabels: { app: b } }\ningress: [{ from: [{ podSelector: { matchLabels: { app: a } } }] }]'));
    const v = verdict(m, 'x/a', 'x/b', 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.selecting.map((p) => p.name).sort()).toEqual(['allow-b-from-a', 'deny']);
    expect(v.ingress.allowedBy.map((r) => `${r.policy.name} ${r.direction}[${r.index}]`)).toEqual(['allow-b-from-a ingress[0]']);
    expect(allowed(m, 'x/b', 'x/a', 80)).toBe(false);
  });

  it('both sides must allow: egress allowed but ingress denied is denied, and the explanation names each side', () => {
    const m = model(WORLD
      + policy('x', 'out', 'podSelector: { matchLabels: { app: a } }\npolicyTypes: [Egress]\negress: [{}]')
      + policy('y', 'in', 'podSelector: {}\npolicyTypes: [Ingress]'));
    const v = verdict(m, 'x/a', 'y/c', 80);
    expect(v.egress.allowed).toBe(true);
    expect(v.ingress.allowed).toBe(false);
    expect(explainVerdict(v, endpoint(m, 'x/a'), endpoint(m, 'y/c'))).toBe(
      'egress: allowed by case.yaml x/out egress[0]; ingress: denied (y/c is isolated for ingress by y/in (case.yaml); no ingress rule matches)',
    );
  });

  it('a policy of one namespace never selects pods of another', () => {
    const m = model(WORLD + policy('y', 'p', 'podSelector: { matchLabels: { app: a } }\npolicyTypes: [Ingress]'));
    expect(allowed(m, 'x/b', 'x/a', 80)).toBe(true);
  });
});

describe('NetworkPolicy engine: peers', () => {
  const isolateA = (from: string) => model(WORLD + policy('x', 'p', `podSelector: { matchLabels: { app: a } }\ningress:\n  - from:\n${from}`));

  it('podSelector alone means pods of the policy\'s own namespace', () => {
    const m = isolateA('      - podSelector: { matchLabels: { tier: web } }');
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(false); // c is tier=web but lives in y
  });

  it('namespaceSelector alone means every pod of the selected namespaces', () => {
    const m = isolateA('      - namespaceSelector: { matchLabels: { team: y } }');
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(true);
    expect(allowed(m, 'x/b', 'x/a', 80)).toBe(false);
  });

  it('namespaceSelector and podSelector in ONE peer are ANDed', () => {
    const m = isolateA('      - namespaceSelector: { matchLabels: { team: y } }\n        podSelector: { matchLabels: { tier: db } }');
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(false); // c is in y but tier=web
    expect(allowed(m, 'x/b', 'x/a', 80)).toBe(false); // b is tier=db but in x
  });

  it('namespaceSelector and podSelector as TWO peers are ORed', () => {
    const m = isolateA('      - namespaceSelector: { matchLabels: { team: y } }\n      - podSelector: { matchLabels: { tier: db } }');
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(true);
    expect(allowed(m, 'x/b', 'x/a', 80)).toBe(true);
  });

  it('an empty namespaceSelector selects all namespaces; an empty podSelector all pods of the namespace', () => {
    expect(allowed(isolateA('      - namespaceSelector: {}'), 'y/c', 'x/a', 80)).toBe(true);
    const sameNs = isolateA('      - podSelector: {}');
    expect(allowed(sameNs, 'x/b', 'x/a', 80)).toBe(true);
    expect(allowed(sameNs, 'y/c', 'x/a', 80)).toBe(false);
  });

  it('namespaces are selectable by kubernetes.io/metadata.name, also when the manifests do not define them', () => {
    const world = WORLD + pod('z', 'd', { app: 'd' });
    const m = model(world + policy('x', 'p', 'podSelector: { matchLabels: { app: a } }\ningress:\n  - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: z } } }]'));
    expect(allowed(m, 'z/d', 'x/a', 80)).toBe(true);
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(false);
  });

  it('matchExpressions: In, NotIn, Exists, DoesNotExist (NotIn also matches a missing label)', () => {
    const expr = (e: string) => isolateA(`      - namespaceSelector: {}\n        podSelector: { matchExpressions: [${e}] }`);
    expect(allowed(expr('{ key: tier, operator: In, values: [db, cache] }'), 'x/b', 'x/a', 80)).toBe(true);
    expect(allowed(expr('{ key: tier, operator: In, values: [db, cache] }'), 'y/c', 'x/a', 80)).toBe(false);
    expect(allowed(expr('{ key: tier, operator: NotIn, values: [db] }'), 'y/c', 'x/a', 80)).toBe(true);
    expect(allowed(expr('{ key: team, operator: NotIn, values: [db] }'), 'x/b', 'x/a', 80)).toBe(true); // no team label on pods
    expect(allowed(expr('{ key: tier, operator: Exists }'), 'x/b', 'x/a', 80)).toBe(true);
    expect(allowed(expr('{ key: tier, operator: DoesNotExist }'), 'x/b', 'x/a', 80)).toBe(false);
    expect(allowed(expr('{ key: tier, operator: Exists }, { key: app, operator: In, values: [c] }'), 'x/b', 'x/a', 80)).toBe(false);
  });

  it('ipBlock with except matches external addresses; it never matches pods', () => {
    const internet = external('internet', '203.0.113.10');
    const lan = external('lan', '10.1.2.3');
    const m = model(WORLD
      + policy('x', 'p', 'podSelector: { matchLabels: { app: a } }\npolicyTypes: [Ingress, Egress]\ningress:\n  - from: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }]\negress:\n  - to: [{ ipBlock: { cidr: 10.0.0.0/8 } }]'),
    [internet, lan]);
    expect(allowed(m, 'external/internet', 'x/a', 80)).toBe(true);
    expect(allowed(m, 'external/lan', 'x/a', 80)).toBe(false);
    expect(allowed(m, 'x/b', 'x/a', 80)).toBe(false); // a pod is not "0.0.0.0/0" to the engine
    expect(allowed(m, 'x/a', 'external/lan', 443)).toBe(true);
    expect(allowed(m, 'x/a', 'external/internet', 443)).toBe(false);
  });
});

describe('NetworkPolicy engine: ports', () => {
  const ports = (spec: string) => model(
    [namespace('x'), pod('x', 'src', { app: 'src' }), pod('x', 'dst', { app: 'dst' }, ['80', '8080', 'dns:53/UDP', 'dnst:53/TCP'])].join('')
    + policy('x', 'p', `podSelector: { matchLabels: { app: dst } }\ningress:\n  - ports: ${spec}`),
  );

  it('protocol defaults to TCP; a port without protocol never allows UDP', () => {
    const m = ports('[{ port: 53 }]');
    expect(allowed(m, 'x/src', 'x/dst', 53, 'TCP')).toBe(true);
    expect(allowed(m, 'x/src', 'x/dst', 53, 'UDP')).toBe(false);
  });

  it('endPort makes a range, inclusive at both ends', () => {
    const m = ports('[{ port: 80, endPort: 8080 }]');
    expect(allowed(m, 'x/src', 'x/dst', 80)).toBe(true);
    expect(allowed(m, 'x/src', 'x/dst', 8080)).toBe(true);
    expect(allowed(model([namespace('x'), pod('x', 'src', { app: 'src' }), pod('x', 'dst', { app: 'dst' }, ['8081'])].join('')
      + policy('x', 'p', 'podSelector: { matchLabels: { app: dst } }\ningress: [{ ports: [{ port: 80, endPort: 8080 }] }]')), 'x/src', 'x/dst', 8081)).toBe(false);
  });

  it('a port entry with only a protocol allows every port of that protocol', () => {
    const m = ports('[{ protocol: UDP }]');
    expect(allowed(m, 'x/src', 'x/dst', 53, 'UDP')).toBe(true);
    expect(allowed(m, 'x/src', 'x/dst', 80, 'TCP')).toBe(false);
  });

  it('a named port resolves per destination pod: the same name can mean different numbers', () => {
    const m = model([namespace('x'),
      pod('x', 'client', { role: 'client' }),
      pod('x', 'one', { role: 'server' }, ['http:8080', '9000']),
      pod('x', 'two', { role: 'server' }, ['http:9000', '8080'])].join('')
      + policy('x', 'p', 'podSelector: { matchLabels: { role: server } }\ningress: [{ ports: [{ port: http }] }]'));
    expect(allowed(m, 'x/client', 'x/one', 8080)).toBe(true);
    expect(allowed(m, 'x/client', 'x/one', 9000)).toBe(false);
    expect(allowed(m, 'x/client', 'x/two', 9000)).toBe(true);
    expect(allowed(m, 'x/client', 'x/two', 8080)).toBe(false);
  });

  it('an egress named port resolves on the destination pod, not on the source', () => {
    const m = model([namespace('x'),
      pod('x', 'client', { role: 'client' }, ['http:7000']),
      pod('x', 'server', { role: 'server' }, ['http:8080'])].join('')
      + policy('x', 'p', 'podSelector: { matchLabels: { role: client } }\npolicyTypes: [Egress]\negress: [{ ports: [{ port: http }] }]'));
    expect(allowed(m, 'x/client', 'x/server', 8080)).toBe(true);
    expect(allowed(m, 'x/client', 'x/server', 7000)).toBe(false);
  });

  it('egress limited to UDP 53 leaves DNS over TCP blocked (large answers fall back to TCP)', () => {
    const m = model([namespace('app'), namespace('kube-system'),
      pod('app', 'web', { app: 'web' }),
      pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, ['dns:53/UDP', 'dns-tcp:53/TCP'])].join('')
      + policy('app', 'default-deny', 'podSelector: {}\npolicyTypes: [Ingress, Egress]')
      + policy('app', 'dns', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n  - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }]\n    ports: [{ port: 53, protocol: UDP }]'));
    expect(allowed(m, 'app/web', 'kube-system/coredns', 53, 'UDP')).toBe(true);
    expect(allowed(m, 'app/web', 'kube-system/coredns', 53, 'TCP')).toBe(false);
  });
});

describe('NetworkPolicy engine: policies the API server refuses are not applied', () => {
  it.each([
    ['a peer with no selector and no ipBlock', 'ingress: [{ from: [{}] }]', 'a peer needs podSelector'],
    ['ipBlock beside a selector', 'ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }] }]', 'cannot be combined'],
    ['endPort on a named port', 'ingress: [{ ports: [{ port: http, endPort: 90 }] }]', 'needs a numeric port'],
    ['endPort below port', 'ingress: [{ ports: [{ port: 90, endPort: 80 }] }]', 'below port'],
    ['an except outside the cidr', 'ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/16, except: [10.0.0.0/8] } }] }]', 'not strictly inside'],
    ['In without values', 'ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: a, operator: In }] } }] }]', 'needs values'],
  ])('%s', (_name, spec, problem) => {
    const m = model(WORLD + policy('x', 'bad', `podSelector: {}\n${spec}`));
    expect(m.policies).toHaveLength(0);
    expect(m.rejected[0].problems.join('\n')).toContain(problem);
    expect(allowed(m, 'y/c', 'x/a', 80)).toBe(true); // not applied: x stays non-isolated
  });
});
