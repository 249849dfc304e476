import net from 'node:net';
import tls from 'node:tls';
import { splitHostPort } from '../../../../src/profile/dispatcher';
import type { RegionTarget } from '../../../../src/profile/target';
import { recordExchange } from '../../../../src/run/exchange-log';
import type { EvidenceItem } from '../../../../src/evidence/types';
import { excerpt } from '../../../../src/clients/http';
import { pace } from '../../support/http';

/**
 * Requests no HTTP client will send: duplicate Content-Length, Content-Length with
 * Transfer-Encoding, HTTP/1.0 without Host, unknown methods, bodies that stall. Written byte by byte
 * on a socket (TLS to an edge with the region's CA and connect address), read until the server
 * closes or answers in full, bounded by a timeout; recorded in the run's exchange log like any answer.
 */

export interface RawAnswer {
  /** null: no status line came back before the socket closed or the time ran out. */
  status: number | null;
  headers: Record<string, string[]>;
  body: string;
  durationMs: number;
  /** The server closed the connection (vs. our timeout). */
  closedByServer: boolean;
  evidence: EvidenceItem;
}

export interface RawTarget {
  url: URL;
  region: RegionTarget;
}

function connect(target: RawTarget): net.Socket {
  const { url, region } = target;
  const dial = region.connectTo && region.edgeUrl && new URL(region.edgeUrl).origin === url.origin ? splitHostPort(region.connectTo) : null;
  const host = dial?.host ?? url.hostname;
  const port = Number(dial?.port ?? (url.port || (url.protocol === 'https:' ? 443 : 80)));
  if (url.protocol !== 'https:') return net.connect({ host, port });
  return tls.connect({ host, port, servername: net.isIP(url.hostname) ? undefined : url.hostname, ca: region.ca ?? undefined, ALPNProtocols: ['http/1.1'] });
}

function parse(raw: string): Pick<RawAnswer, 'status' | 'headers' | 'body'> {
  const end = raw.indexOf('\r\n\r\n');
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const [statusLine, ...lines] = head.split('\r\n');
  const m = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine ?? '');
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) (headers[line.slice(0, i).trim().toLowerCase()] ??= []).push(line.slice(i + 1).trim());
  }
  return { status: m ? Number(m[1]) : null, headers, body: end >= 0 ? raw.slice(end + 4) : '' };
}

/**
 * Sends `head` (and `body`) and reads until the server closes the connection (a partial body stays open).
 * The whole exchange ends within `timeoutMs`.
 */
export async function rawExchange(target: RawTarget, request: { head: string; body?: string; timeoutMs: number; note: string; endpoint?: string }): Promise<RawAnswer> {
  if (target.region.edgeUrl && new URL(target.region.edgeUrl).origin === target.url.origin) await pace(target.region.edgeUrl);
  const started = performance.now();
  const socket = connect(target);
  const chunks: Buffer[] = [];
  const closedByServer = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => { socket.destroy(); resolve(false); }, request.timeoutMs);
    const ready = target.url.protocol === 'https:' ? 'secureConnect' : 'connect';
    socket.once(ready, () => {
      socket.write(request.head);
      if (request.body) socket.write(request.body);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('close', () => { clearTimeout(timer); resolve(true); });
    socket.once('error', () => undefined);
  });
  const durationMs = Math.round(performance.now() - started);
  const raw = Buffer.concat(chunks).toString('utf8');
  const parsed = parse(raw);
  const shownHead = request.head.replace(/(authorization:\s*)\S+(\s+\S+)?/gi, '$1<redacted>');
  const evidence: EvidenceItem = {
    note: request.note,
    request: excerpt(shownHead + (request.body ?? '')),
    response: excerpt(raw === '' ? `(no answer; ${closedByServer ? 'closed by the server' : 'still open'} after ${durationMs} ms)` : `${raw}\n(${durationMs} ms)`),
    reproduce: `printf '%s' ${JSON.stringify(shownHead + (request.body ?? ''))} | openssl s_client -quiet -connect ${target.region.connectTo ?? target.url.host} -servername ${target.url.hostname}`,
  };
  if (parsed.status !== null) {
    recordExchange({ endpoint: request.endpoint ?? null, method: request.head.split(' ')[0], url: target.url.href, status: parsed.status, responseHeaders: parsed.headers, body: parsed.body, durationMs, evidence });
  }
  return { ...parsed, durationMs, closedByServer, evidence };
}

/** The first region of the target reached through an edge (edge probes go there), or null. */
export function firstEdge(regions: readonly RegionTarget[]): RegionTarget | null {
  return regions.find((r) => r.edgeUrl) ?? null;
}
