import { createHash, randomBytes } from 'node:crypto';
import type { ServedCert } from '../edge/certs';
import { MONITORING_HOSTNAME } from './certs';
import { nginxMainContext } from '../edge/nginx-main';

/**
 * The monitoring front: one nginx terminating TLS (the sandbox CA) with basic auth in front of
 * Prometheus and Alertmanager, a runbook site, and a plain-HTTP port per endpoint that only
 * redirects to HTTPS. That is the secured state FUNC-6 asks for; the monitoring faults undo one
 * part of it at a time.
 */
export interface FrontPorts {
  prometheus: number;
  prometheusHttp: number;
  alertmanager: number;
  alertmanagerHttp: number;
  runbooks: number;
  /** Loopback-only server answering the config generation (reload confirmation). */
  internal: number;
}

export interface FrontInput {
  prefixDir: string;
  ports: FrontPorts;
  upstreams: { prometheus: number; alertmanager: number };
  cert: ServedCert;
  htpasswdPath: string;
  runbooksDir: string;
  generation: number;
  runAsRoot: boolean;
  /** Fault switches read at generation time. */
  plainHttp: boolean;
  anonymous: boolean;
  /** Runbook files not published (fault runbook-missing). */
  unpublished: string[];
}

/** An htpasswd line nginx reads: salted SHA-1 (`{SSHA}`), no external tool needed. */
export function htpasswdLine(user: string, password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `${user}:{SSHA}${Buffer.concat([digest, salt]).toString('base64')}\n`;
}

export function renderFrontConf(input: FrontInput): string {
  const { ports, prefixDir } = input;
  const auth = input.anonymous ? [] : ['auth_basic "GX monitoring";', `auth_basic_user_file ${input.htpasswdPath};`];
  const tls = [
    `ssl_certificate ${input.cert.chainPath};`, `ssl_certificate_key ${input.cert.keyPath};`,
    'ssl_protocols TLSv1.2 TLSv1.3;', 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
  ];
  const proxied = (upstream: number) => [...auth, `location / { proxy_pass http://127.0.0.1:${upstream}; }`];
  const plain = (tlsPort: number, upstream: number) => (input.plainHttp
    ? proxied(upstream)
    : [`location / { return 301 https://$host:${tlsPort}$request_uri; }`]);
  const hidden = input.unpublished.map((file) => `location = /runbooks/${file} { return 404; }`);
  const server = (listen: string, lines: string[]) => `    server {\n        listen ${listen};\n        server_name ${MONITORING_HOSTNAME} 127.0.0.1;\n${lines.map((l) => `        ${l}`).join('\n')}\n    }`;
  return `# Generated for the sandbox monitoring front; regenerated on every monitoring fault change.
${nginxMainContext({ prefixDir, runAsRoot: input.runAsRoot, workerConnections: 256 })}
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header Authorization "";
    proxy_read_timeout 30s;
    types { text/markdown md; text/plain txt; }
${server(`127.0.0.1:${ports.prometheus} ssl http2`, [...tls, ...proxied(input.upstreams.prometheus)])}
${server(`127.0.0.1:${ports.prometheusHttp}`, plain(ports.prometheus, input.upstreams.prometheus))}
${server(`127.0.0.1:${ports.alertmanager} ssl http2`, [...tls, ...proxied(input.upstreams.alertmanager)])}
${server(`127.0.0.1:${ports.alertmanagerHttp}`, plain(ports.alertmanager, input.upstreams.alertmanager))}
${server(`127.0.0.1:${ports.runbooks} ssl http2`, [...tls, ...hidden, `location /runbooks/ { alias ${input.runbooksDir}/; }`, 'location / { return 404; }'])}
${server(`127.0.0.1:${ports.internal}`, [`location = /__edge_generation { return 200 '${input.generation}'; }`])}
}
`;
}
