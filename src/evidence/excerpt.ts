import type { EvidenceItem } from './types';

/**
 * Evidence helpers for checks: bounded excerpts of HTTP exchanges and a curl line to replay
 * them. Everything returned here is still redacted by the runner before it is stored.
 */
export const MAX_EXCERPT = 2000;

export function truncate(text: string, max = MAX_EXCERPT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

export interface ExchangeLike {
  method: string;
  url: string;
  requestHeaders?: Record<string, string>;
  requestBody?: string | null;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string | null;
}

function headerLines(headers: Record<string, string> | undefined): string {
  if (!headers) return '';
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}\n`).join('');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function curlLine(x: ExchangeLike): string {
  const parts = ['curl', '-sS', '-i', '-X', x.method];
  for (const [k, v] of Object.entries(x.requestHeaders ?? {})) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (x.requestBody) parts.push('--data-raw', shellQuote(truncate(x.requestBody, 500)));
  parts.push(shellQuote(x.url));
  return parts.join(' ');
}

/** One evidence item for an HTTP exchange: request line, headers, bodies and a curl line. */
export function exchangeEvidence(x: ExchangeLike, note?: string): EvidenceItem {
  const request = `${x.method} ${x.url}\n${headerLines(x.requestHeaders)}${x.requestBody ? `\n${truncate(x.requestBody)}` : ''}`;
  const response = x.status === undefined
    ? '(no response)'
    : `${x.status}\n${headerLines(x.responseHeaders)}${x.responseBody ? `\n${truncate(x.responseBody)}` : ''}`;
  return { request, response, reproduce: curlLine(x), ...(note ? { note } : {}) };
}
