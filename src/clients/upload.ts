import http from 'node:http';
import https from 'node:https';
import type { HttpExchange, HttpRequest } from './http';
import { DEFAULT_TIMEOUT_MS, excerpt, redactedAuthorization } from './http';
import { recordExchange } from '../run/exchange-log';

/**
 * Streams a large raw body (HTTP-3 oversize checks) and stops writing as soon as the server
 * answers: a server that refuses by Content-Length without reading the rest must not make the
 * client wait for the whole upload. Same evidence shape as `send`.
 */
export function streamUpload(req: HttpRequest & { raw: Buffer }): Promise<HttpExchange> {
  const url = new URL(req.baseUrl + req.path);
  const headers: Record<string, string> = { ...(req.headers ?? {}), 'Content-Type': req.contentType ?? 'application/json', 'Content-Length': String(req.raw.length) };
  const authorization = req.authorization ?? (req.token ? `Bearer ${req.token}` : undefined);
  if (authorization) headers.Authorization = authorization;
  const shown = { ...headers, ...(authorization ? { Authorization: redactedAuthorization(authorization) } : {}) };
  const lib = url.protocol === 'https:' ? https : http;
  const started = performance.now();

  return new Promise<HttpExchange>((resolve, reject) => {
    let answered = false;
    // connectTo: dial another address but keep the URL's name for SNI, the certificate and Host.
    const dial = req.connectTo ? /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.connectTo) : null;
    const target = dial ? { hostname: dial[1], port: Number(dial[2]), servername: url.hostname, headers: { ...headers, Host: url.host } } : {};
    const request = lib.request(url, { method: req.method, headers, ...(req.ca ? { ca: req.ca } : {}), ...target }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        clearTimeout(timer);
        request.destroy(); // the rest of the upload is not wanted any more
        const durationMs = Math.round(performance.now() - started);
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        let body: unknown;
        try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
        const evidence = {
          note: req.note,
          request: [`${req.method} ${url.href}`, ...Object.entries(shown).map(([k, v]) => `${k}: ${v}`), '', `<${req.raw.length} bytes>`].join('\n'),
          response: [`HTTP ${res.statusCode} (${durationMs} ms)`, `content-type: ${flat['content-type'] ?? ''}`, '', excerpt(text)].join('\n'),
          reproduce: `head -c ${req.raw.length} /dev/zero | tr '\\0' 'a' | curl -sS -i -X ${req.method} '${url.href}' -H 'Content-Type: ${headers['Content-Type']}'${authorization ? ` -H 'Authorization: ${redactedAuthorization(authorization)}'` : ''} --data-binary @-`,
        };
        // Into the run's exchange log like every other client's answers (the passive inspectors read it).
        recordExchange({
          endpoint: req.endpoint ?? null, method: req.method.toUpperCase(), url: url.href, status: res.statusCode ?? 0,
          responseHeaders: Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, [v]])), body: text, durationMs, evidence,
        });
        resolve({ status: res.statusCode ?? 0, headers: flat, text, body, durationMs, evidence });
      });
    });
    const timer = setTimeout(() => request.destroy(new Error(`Timeout of ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS}ms exceeded`)), req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    request.on('error', (err) => {
      clearTimeout(timer);
      if (!answered) reject(err);
    });
    const CHUNK = 256 * 1024;
    let offset = 0;
    const pump = () => {
      while (!answered && offset < req.raw.length) {
        const chunk = req.raw.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!request.write(chunk)) { request.once('drain', pump); return; }
      }
      if (!answered) request.end();
    };
    pump();
  });
}
