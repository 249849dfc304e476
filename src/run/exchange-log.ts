import { AsyncLocalStorage } from 'node:async_hooks';
import type { EvidenceItem } from '../evidence/types';

/**
 * Every HTTP exchange any check makes, in one run-wide log. The HTTP clients record into it
 * (through the check's async context, so no signature changes), and passive inspectors — checks
 * of the `after` phase — read all of it: a 413 from the oversize probe is inspected for leaks like
 * a 200 from a contract check (style.md "Passive rules see every answer, once").
 */
export interface RecordedExchange {
  /** The check execution that sent it (per-region ids included). */
  checkId: string;
  region: string;
  /** Catalog endpoint id (`#12`, `I5`, `INF-2`) when the sender knew it. */
  endpoint: string | null;
  method: string;
  url: string;
  status: number;
  /** Lower-case header name → every value received, in order. */
  responseHeaders: Record<string, string[]>;
  /** The response body, cut at BODY_LIMIT characters (`bodyTruncated` says so). */
  body: string;
  bodyTruncated: boolean;
  durationMs: number;
  /** Times the transport resent it after a stale kept-alive connection (src/clients/transport.ts). */
  transportRetries?: number;
  /** The sender's evidence item (redacted request, response excerpt, curl line). */
  evidence: EvidenceItem;
}

/** Bodies beyond this are kept cut: passive rules read headers and the start of bodies. */
export const BODY_LIMIT = 64 * 1024;

export class ExchangeLog {
  private readonly items: RecordedExchange[] = [];
  add(exchange: RecordedExchange): void {
    this.items.push(exchange);
  }
  list(): readonly RecordedExchange[] {
    return this.items;
  }
}

interface Scope {
  log: ExchangeLog;
  checkId: string;
  region: string;
}

const scope = new AsyncLocalStorage<Scope>();

/** Runs `fn` so that exchanges it makes are recorded under this check execution. */
export function withExchangeScope<T>(log: ExchangeLog, checkId: string, region: string, fn: () => T): T {
  return scope.run({ log, checkId, region }, fn);
}

export type ExchangeRecord = Omit<RecordedExchange, 'checkId' | 'region' | 'body' | 'bodyTruncated'> & { body: string };

/** Called by the HTTP clients after each answer; a no-op outside a check (unit tests, the CLI). */
export function recordExchange(exchange: ExchangeRecord): void {
  const current = scope.getStore();
  if (!current) return;
  const truncated = exchange.body.length > BODY_LIMIT;
  current.log.add({
    ...exchange,
    checkId: current.checkId,
    region: current.region,
    body: truncated ? exchange.body.slice(0, BODY_LIMIT) : exchange.body,
    bodyTruncated: truncated,
  });
}
