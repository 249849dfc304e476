import { describe, expect, it } from 'vitest';
import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import type { EdgeCerts } from '../../sandbox/edge/certs';
import { renderNginxConf } from '../../sandbox/edge/nginx-conf';
import { EDGE_FAULT_NAMES, type EdgeFaultName } from '../../sandbox/faults/edge-faults';
import { FAULTS } from '../../sandbox/faults/catalog';

const certs: EdgeCerts = {
  dir: '/pki', caPem: '', caPath: '/pki/root.pem',
  valid: { chainPath: '/pki/valid-chain.pem', keyPath: '/pki/leaf.key' },
  expired: { chainPath: '/pki/expired-chain.pem', keyPath: '/pki/leaf.key' },
  wrongName: { chainPath: '/pki/wrong-chain.pem', keyPath: '/pki/leaf.key' },
  weakDhParamPath: '/pki/weak-dh.pem',
};
const upstreams = Object.fromEntries(SERVICE_KEYS.map((key, i) => [key, `http://127.0.0.1:${4001 + i}`])) as Record<ServiceKey, string>;

function render(faults: EdgeFaultName[]): string[] {
  return renderNginxConf({
    region: 'europe', prefixDir: '/run/edge', ports: { http: 8080, https: 8443, internal: 8081, health: 8082 },
    upstreams, certs, generation: 0, runAsRoot: true, isOn: (fault) => faults.includes(fault),
  }).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Lines only in `a`. */
const minus = (a: string[], b: string[]) => a.filter((line) => !b.includes(line));

/** What each fault may change in the generated config: every added or removed line must match. */
const EXPECTED: Record<EdgeFaultName, RegExp> = {
  'edge-tls10': /^ssl_(protocols TLSv1 TLSv1\.1 TLSv1\.2 TLSv1\.3|protocols TLSv1\.2 TLSv1\.3|ciphers .*);$/,
  'edge-weak-cipher': /^ssl_(ciphers .*|dhparam \/pki\/weak-dh\.pem);$/,
  // The 429 location repeats the header lines (add_header in a location replaces inherited ones).
  'edge-no-hsts': /^(add_header Strict-Transport-Security|location = \/__edge_error\/429 \{ internal; add_header)/,
  'edge-short-hsts': /^(add_header Strict-Transport-Security|location = \/__edge_error\/429 \{ internal; add_header)/,
  'edge-expired-cert': /^ssl_certificate \/pki\/(expired|valid)-chain\.pem;$/,
  'edge-wrong-name-cert': /^ssl_certificate \/pki\/(wrong|valid)-chain\.pem;$/,
  'edge-no-redirect': /^location (\/ \{ return 301|\/\w+\/ \{ proxy_pass|= \/health|~ |= \/\w+ \{ return 404|\/ \{ return 404|= \/__edge_error\/\d+)/,
  'edge-duplicate-headers': /^(proxy_hide_header (?!X-Powered-By)|add_header X-Frame-Options "DENY"|location = \/__edge_error\/429 \{ internal; add_header)/,
  'edge-prefix-not-stripped': /^location \/\w+\/ \{ proxy_pass http:\/\/127\.0\.0\.1:\d+\/?; \}$/,
  'edge-no-rate-limit': /^limit_req zone=gx_perip burst=20 nodelay;$/,
  'edge-429-no-retry-after': /^location = \/__edge_error\/429 \{ internal; add_header/,
  'edge-health-limited': /^map "\$server_port \$uri" \$gx_limit_key/,
  'edge-trusts-client-xff': /^(# EDGE-9: no trusted proxies|set_real_ip_from (0\.0\.0\.0|::)\/0;$|real_ip_header X-Forwarded-For;$|real_ip_recursive on;$)/,
  'edge-html-413': /^error_page 413 \/__edge_error\/413;$/,
  'edge-static-health': /^location = \/health \{ (return 200|proxy_pass)/,
  'edge-metrics-exposed': /^location ~ \^\/\([a-z|]+\)\/metrics\/\?\$ \{ return 404/,
  'edge-trace-enabled': /^if \(\$request_method = TRACK\)/,
  'edge-crlf-header': /^add_header X-Original-URI \$uri always;$/,
  'edge-default-page': /^location (= \/ \{ default_type text\/html|\/static\/ \{ alias)/,
};

describe('generated nginx config per edge fault', () => {
  const clean = render([]);

  it('every edge fault is in the catalog with checks, as part "edge"', () => {
    for (const name of EDGE_FAULT_NAMES) {
      expect(FAULTS[name]).toMatchObject({ part: 'edge' });
      expect(FAULTS[name].checks.length).toBeGreaterThan(0);
    }
    expect([...EDGE_FAULT_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('the clean config has the contract settings', () => {
    expect(clean).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    expect(clean).toContain('ssl_prefer_server_ciphers on;');
    expect(clean).toContain('server_tokens off;');
    expect(clean).toContain('limit_req zone=gx_perip burst=20 nodelay;');
    expect(clean).toContain('add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;');
    expect(clean.find((l) => l.startsWith('ssl_ciphers'))).toMatch(/^ssl_ciphers (ECDHE-(ECDSA|RSA)-(AES128-GCM-SHA256|AES256-GCM-SHA384|CHACHA20-POLY1305):?)+;$/);
    expect(clean).toContain('location /identity/ { proxy_pass http://127.0.0.1:4001/; }');
    expect(clean).toContain('proxy_read_timeout 60s;');
    expect(clean.some((l) => l.startsWith('set_real_ip_from'))).toBe(false);
    expect(clean).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
  });

  it.each(EDGE_FAULT_NAMES)('%s changes only its own directives', (fault) => {
    const faulty = render([fault]);
    const changed = [...minus(faulty, clean), ...minus(clean, faulty)];
    expect(changed.length).toBeGreaterThan(0);
    for (const line of changed) expect(line, `${fault}: unexpected change`).toMatch(EXPECTED[fault]);
  });
});
