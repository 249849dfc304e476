import { SERVICE_KEYS, type ServiceKey } from '../../src/catalog/services';
import type { EdgeFaultName } from '../faults/edge-faults';
import { EDGE_HOSTNAME, type EdgeCerts } from './certs';
import { e1Body, securityHeaderLines, staticHealthBody } from './nginx-snippets';
import { nginxMainContext } from './nginx-main';

export type EdgeRegion = 'asia' | 'north-america' | 'europe';
export const EDGE_REGIONS: readonly EdgeRegion[] = ['asia', 'north-america', 'europe'];

export interface EdgePorts {
  http: number;
  https: number;
  /** Loopback-only server with the same routes, unlimited: the health aggregator probes through it. */
  internal: number;
  /** The Node health aggregator nginx proxies /health to. */
  health: number;
}

export interface EdgeConfInput {
  region: EdgeRegion;
  /** nginx prefix (-p): temp paths, pid and logs live here. */
  prefixDir: string;
  ports: EdgePorts;
  upstreams: Record<ServiceKey, string>;
  certs: EdgeCerts;
  /** Faults read at generation time; a change regenerates the file and reloads nginx. */
  isOn(fault: EdgeFaultName): boolean;
  /** `user` line: workers as root only when the master runs as root (the sandbox machine). */
  runAsRoot: boolean;
  /** Served on the internal port so a reload can be confirmed as applied. */
  generation: number;
  /** EDGE-9: peers whose X-Forwarded-For is believed (CIDRs); none in the sandbox. */
  trustedProxies?: string[];
  /** EDGE-11: upstream timeout before 504 (contract: 60 s). */
  upstreamTimeoutS?: number;
}

/** EDGE-3: ECDHE with AEAD only, server preference. */
const CLEAN_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
];

function tlsLines(input: EdgeConfInput): string[] {
  const { certs, isOn } = input;
  const protocols = isOn('edge-tls10') ? 'TLSv1 TLSv1.1 TLSv1.2 TLSv1.3' : 'TLSv1.2 TLSv1.3';
  const ciphers = [...CLEAN_CIPHERS];
  if (isOn('edge-tls10')) ciphers.push('ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA');
  if (isOn('edge-weak-cipher')) ciphers.push('DHE-RSA-AES128-SHA');
  // OpenSSL 3 refuses TLS 1.0/1.1 signatures and 1024-bit DH above security level 0.
  const legacy = isOn('edge-tls10') || isOn('edge-weak-cipher');
  const cert = isOn('edge-expired-cert') ? certs.expired : isOn('edge-wrong-name-cert') ? certs.wrongName : certs.valid;
  const lines = [
    `ssl_certificate ${cert.chainPath};`,
    `ssl_certificate_key ${cert.keyPath};`,
    `ssl_protocols ${protocols};`,
    `ssl_ciphers ${ciphers.join(':')}${legacy ? ':@SECLEVEL=0' : ''};`,
    'ssl_prefer_server_ciphers on;',
    'ssl_ecdh_curve X25519:prime256v1:secp384r1;',
    'ssl_session_cache shared:gx_tls:1m;',
    'ssl_session_tickets off;',
  ];
  if (isOn('edge-weak-cipher')) lines.push(`ssl_dhparam ${certs.weakDhParamPath};`);
  return lines;
}

/** EDGE-5/6/7: prefixes routed and stripped; everything else, metrics and dot segments are 404 from the edge. */
function routeLines(input: EdgeConfInput): string[] {
  const notFound = `return 404 '${e1Body(404, '$gx_not_found')}';`;
  const lines = [
    `location / { ${notFound} }`,
    `location ~ /\\. { ${notFound} }`,
  ];
  // EDGE-7: metrics stay private (fault edge-metrics-exposed drops this refusal).
  if (!input.isOn('edge-metrics-exposed')) lines.push(`location ~ ^/(${SERVICE_KEYS.join('|')})/metrics/?$ { ${notFound} }`);
  // Without these, nginx answers a bare `/identity` with its own 301 to `/identity/`.
  for (const key of SERVICE_KEYS) lines.push(`location = /${key} { ${notFound} }`);
  for (const key of SERVICE_KEYS) {
    const upstream = new URL(input.upstreams[key]);
    const base = `http://${upstream.host}`;
    // proxy_pass with a URI replaces the matched prefix; without one the path passes untouched.
    const target = input.isOn('edge-prefix-not-stripped') ? base : `${base}/`;
    lines.push(`location /${key}/ { proxy_pass ${target}; }`);
  }
  return lines;
}

/** Every status nginx itself may answer with: each gets an E1 body instead of nginx's HTML page (ERR-1). */
const ERROR_STATUSES = [400, 404, 405, 408, 413, 414, 429, 500, 502, 503, 504];

/**
 * URI targets, not named locations: errors raised while reading the request (405, 400) happen
 * before a location is chosen, and nginx cannot resolve named locations at that point.
 */
function errorLocations(headers: string[], isOn: EdgeConfInput['isOn']): string[] {
  return ERROR_STATUSES.map((status) => {
    const extra = status === 429 ? [...headers, ...(isOn('edge-429-no-retry-after') ? [] : ['add_header Retry-After 1 always;'])] : [];
    return `location = /__edge_error/${status} { internal; ${extra.join(' ')} return ${status} '${e1Body(status)}'; }`;
  });
}

/** With trusted proxies, nginx's realip module replaces $remote_addr by the client behind them; otherwise the socket address stands. */
function realIpLines(input: EdgeConfInput): string[] {
  // Fault edge-trusts-client-xff: every peer is believed, so a client picks its own address.
  const trusted = input.isOn('edge-trusts-client-xff') ? ['0.0.0.0/0', '::/0'] : input.trustedProxies ?? [];
  if (!trusted.length) return ['# EDGE-9: no trusted proxies, the client IP is the socket address.'];
  return [...trusted.map((cidr) => {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(cidr)) throw new Error(`Invalid trusted proxy range "${cidr}"`);
    return `set_real_ip_from ${cidr};`;
  }), 'real_ip_header X-Forwarded-For;', 'real_ip_recursive on;'];
}

/**
 * Issue 14 faults of the public server: `edge-trace-enabled` echoes TRACK requests (nginx refuses
 * TRACE by itself, always 405); `edge-default-page` serves the stock welcome page and a listing;
 * `edge-crlf-header` reflects the decoded path into a header.
 */
function probeFaultLines(input: EdgeConfInput): string[] {
  const lines: string[] = [];
  if (input.isOn('edge-trace-enabled')) {
    lines.push(`if ($request_method = TRACK) { return 200 '$request host=$host authorization=$http_authorization'; }`);
  }
  // $uri is decoded: %0d%0a in the path becomes a raw CR/LF inside this header (SEC-HDR-3).
  if (input.isOn('edge-crlf-header')) lines.push('add_header X-Original-URI $uri always;');
  // SEC-HDR-2: methods outside the API's (TRACK, PROPFIND…) get the edge's own E1 405; nginx refuses TRACE itself.
  lines.push('if ($request_method !~ ^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$) { return 405; }');
  if (input.isOn('edge-default-page')) {
    lines.push(`location = / { default_type text/html; return 200 '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed and working.</p></body></html>'; }`);
    lines.push(`location /static/ { alias ${input.prefixDir}/; autoindex on; }`);
  }
  return lines;
}

function indent(lines: string[], depth: number): string {
  return lines.map((line) => `${'    '.repeat(depth)}${line}`).join('\n');
}

export function renderNginxConf(input: EdgeConfInput): string {
  const { ports, prefixDir, isOn } = input;
  const headers = securityHeaderLines(isOn);
  const routes = routeLines(input);
  const errors = errorLocations(headers, isOn);
  const health = isOn('edge-static-health')
    ? `location = /health { return 200 '${staticHealthBody(input.region)}'; }`
    : `location = /health { proxy_pass http://127.0.0.1:${ports.health}/health; }`;
  const hidden = isOn('edge-duplicate-headers')
    ? ['X-Powered-By']
    : ['X-Powered-By', 'Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy',
      'Content-Security-Policy', 'Cross-Origin-Opener-Policy', 'Cross-Origin-Resource-Policy', 'X-XSS-Protection'];
  const plainHttp = isOn('edge-no-redirect')
    ? [...routes, health, ...errors]
    : [`location / { return 301 https://${EDGE_HOSTNAME}$request_uri; }`];

  return `# Generated for the ${input.region} edge; regenerated on every fault change.
${nginxMainContext({
    prefixDir, runAsRoot: input.runAsRoot, workerConnections: 4096,
    mainLines: ['# Room for the load layer\'s 500 users: each holds a client and an upstream connection.', 'worker_rlimit_nofile 8192;'],
  })}
    default_type "application/json; charset=utf-8";
    client_max_body_size 10m;
    keepalive_timeout 30s;
    # Slow or stalled clients (SEC-DOS-1): 408 within 10 s instead of holding a connection for 60 s.
    client_header_timeout 10s;
    client_body_timeout 10s;

    # X-Request-Id (HTTP-7): the client's value when well-formed, otherwise nginx's own id.
    map $http_x_request_id $gx_request_id { "~^[A-Za-z0-9._-]{1,128}$" $http_x_request_id; default $request_id; }
    # HTTP-4 message; paths with characters that would need JSON escaping get the short form.
    map $uri $gx_not_found { "~^[A-Za-z0-9._~/%-]*$" "Route $request_method $uri not found"; default "Route not found"; }
    # RL-1..3: per socket address (EDGE-9: no trusted proxies here); /health and the internal server are not limited.
    map "$server_port $uri" $gx_limit_key { default $binary_remote_addr; "~^${ports.internal} " "";${isOn('edge-health-limited') ? '' : ' "~^[0-9]+ /health$" "";'} }
    limit_req_zone $gx_limit_key zone=gx_perip:10m rate=10r/s;
    limit_req_status 429;
${isOn('edge-no-rate-limit') ? '' : '    limit_req zone=gx_perip burst=20 nodelay;'}

${indent(realIpLines(input), 1)}
    # EDGE-9/10: client-supplied forwarding headers are overwritten with the address determined above.
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto https;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header X-Request-Id $gx_request_id;
    proxy_connect_timeout 5s;
    proxy_read_timeout ${input.upstreamTimeoutS ?? 60}s;
    proxy_send_timeout ${input.upstreamTimeoutS ?? 60}s;
${indent(hidden.map((name) => `proxy_hide_header ${name};`), 1)}
${indent(ERROR_STATUSES.filter((status) => !(status === 413 && isOn('edge-html-413'))).map((status) => `error_page ${status} /__edge_error/${status};`), 1)}
    # 494 is nginx's internal code for oversized request headers; it goes out as 400.
    error_page 494 =400 /__edge_error/400;

    server {
        listen 127.0.0.1:${ports.http};
        server_name ${EDGE_HOSTNAME};
        location ^~ /.well-known/acme-challenge/ { root ${prefixDir}/acme; default_type text/plain; }
${indent(plainHttp, 2)}
    }

    server {
        listen 127.0.0.1:${ports.https} ssl http2;
        server_name ${EDGE_HOSTNAME};
${indent(tlsLines(input), 2)}
${indent(headers, 2)}
${indent([...probeFaultLines(input), ...routes, health, ...errors], 2)}
    }

    server {
        listen 127.0.0.1:${ports.internal};
        location = /__edge_generation { return 200 '${input.generation}'; }
${indent([...routes, ...errors], 2)}
    }
}
`;
}
