import { request, type APIRequestContext } from '@playwright/test';
import { CheckFailure, type CheckContext } from '../../../src/checks/define';
import type { ServiceKey } from '../../../src/catalog/services';
import { excerpt, maskCredentials } from '../../../src/clients/http';
import type { EvidenceItem, Measurement } from '../../../src/evidence/types';
import { verifiedServerKey } from './tls';

/**
 * A user journey through one region: Playwright's API request context (the same one a
 * Playwright test gets), a trace of every exchange, and each step timed. On failure the check
 * fails at the step that broke, with the exchanges that show it and the Playwright trace zip as
 * an artifact (`npx playwright show-trace <zip>`).
 */
export interface Reply {
  status: number;
  body: any;
  text: string;
  ms: number;
}

export interface CallOptions {
  token?: string | null;
  json?: unknown;
  /** Expected statuses; anything else fails the step with this exchange as evidence. */
  expect?: number[];
  rule?: string;
}

const JOURNEY_REQUEST_MS = 30_000;
/**
 * How long a journey waits for an accepted command to show (CMD-3): three times the contract's
 * default PROJECTION_LAG_THRESHOLD_MS (5 s), past which readiness itself reports the lag (RDY-2).
 */
export const PROJECTION_WAIT_MS = 15_000;

export class Journey {
  readonly measurements: Record<string, Measurement> = {};
  readonly transcript: EvidenceItem[] = [];
  private step = 'start';

  private constructor(readonly ctx: CheckContext, private readonly api: APIRequestContext, private readonly base: string, private readonly ownTrace: boolean) {}

  /** Opens the region's request context, after verifying its edge certificate against the profile's CA. */
  static async open(ctx: CheckContext): Promise<Journey> {
    const region = ctx.region;
    const url = region.serviceUrl('identity');
    const origin = new URL(url);
    let base = origin.origin;
    const extraHTTPHeaders: Record<string, string> = {};
    let ignoreHTTPSErrors = false;
    if (origin.protocol === 'https:' && (region.ca || region.connectTo)) {
      // The context cannot take the profile's CA: verify the very endpoint with it, then dial it.
      await verifiedServerKey(url, { ca: region.ca, connectTo: region.connectTo, timeoutMs: ctx.limits.requestMs });
      ignoreHTTPSErrors = true;
      if (region.connectTo) {
        base = `https://${region.connectTo}`;
        extraHTTPHeaders.Host = origin.host;
      }
    }
    // A journey judges the flow, not latency (the load layer does): one slow answer on a busy runner is not a broken step.
    const api = await request.newContext({ ignoreHTTPSErrors, extraHTTPHeaders, timeout: Math.max(ctx.limits.requestMs, JOURNEY_REQUEST_MS) });
    // Under `npx playwright test` the runner already traces every context (trace: retain-on-failure).
    const ownTrace = await api.tracing.start({ snapshots: true, title: ctx.region.name }).then(() => true, () => false);
    return new Journey(ctx, api, base, ownTrace);
  }

  /** The full URL of a service path in this region (prefix kept, host swapped for connectTo). */
  private url(service: ServiceKey, path: string): string {
    const u = new URL(this.ctx.region.serviceUrl(service) + path);
    return this.base + u.pathname + u.search;
  }

  async call(service: ServiceKey, method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    const started = performance.now();
    let res;
    // The edge's per-IP rate limit (RL-1) is not what a journey asks about: wait and retry (bounded).
    for (let attempt = 0; ; attempt++) {
      res = await this.api.fetch(this.url(service, path), { method, headers, data: opts.json, failOnStatusCode: false, maxRedirects: 0 })
        .catch((err: Error) => { throw new Error(`step "${this.step}": ${method} ${path}: ${err.message.split('\n')[0]}`); });
      if (res.status() !== 429 || attempt >= 4) break;
      const wait = Math.min(5, Number(res.headers()['retry-after']) || 1);
      await new Promise((resolve) => setTimeout(resolve, wait * 1_000));
    }
    const ms = Math.round(performance.now() - started);
    const text = await res.text();
    let body: unknown;
    try { body = JSON.parse(text); } catch { body = undefined; }
    const item: EvidenceItem = {
      note: `${this.ctx.region.name}: ${this.step}`,
      request: `${method} ${this.ctx.region.serviceUrl(service)}${path}${opts.token ? '\nAuthorization: Bearer <redacted>' : ''}${opts.json === undefined ? '' : `\n\n${maskCredentials(JSON.stringify(opts.json))}`}`,
      response: `HTTP ${res.status()} (${ms} ms)\n\n${excerpt(maskCredentials(text))}`,
    };
    this.transcript.push(item);
    if (opts.expect && !opts.expect.includes(res.status())) {
      this.ctx.findings.add({ rule: opts.rule ?? null, text: `${this.step}: ${method} ${path} answered ${res.status()}, expected ${opts.expect.join(' or ')}`, evidence: [item] });
      throw new StepFailed(`${method} ${path} answered ${res.status()}, expected ${opts.expect.join(' or ')}`);
    }
    return { status: res.status(), body, text, ms };
  }

  /** Runs one named step, timing it (`<name>Ms`); a failure names the step. */
  async run<T>(name: string, task: () => Promise<T>): Promise<T> {
    this.step = name;
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.measurements[`${name}Ms`] = Math.round(performance.now() - started);
    }
  }

  /** Polls `probe` until it returns a value, every `everyMs`, up to `timeoutMs` (never past the check's deadline). */
  async until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, everyMs = 250): Promise<T> {
    const deadline = Math.min(Date.now() + timeoutMs, this.ctx.limits.deadline - 2_000);
    for (;;) {
      const value = await probe();
      if (value !== null) return value;
      if (Date.now() >= deadline) throw new StepFailed(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  fail(message: string, rule: string | null, evidence = this.transcript.slice(-3)): never {
    this.ctx.findings.add({ rule, text: `${this.step}: ${message}`, evidence });
    throw new StepFailed(message);
  }

  /** Ends the journey: on failure the trace zip becomes an artifact and the check fails at the step. */
  async close(error: unknown): Promise<string | null> {
    let artifact: string | null = null;
    if (!this.ownTrace) {
      // The Playwright runner keeps its own trace of this context.
    } else if (error) {
      const file = `${process.env.TMPDIR ?? '/tmp'}/gxv-trace-${process.pid}-${Date.now()}.zip`;
      await this.api.tracing.stop({ path: file }).catch(() => undefined);
      const { readFile, rm } = await import('node:fs/promises');
      const zip = await readFile(file).catch(() => null);
      if (zip) artifact = await this.ctx.artifact(`trace-${this.ctx.region.name}.zip`, zip);
      await rm(file, { force: true });
    } else {
      await this.api.tracing.stop().catch(() => undefined);
    }
    await this.api.dispose();
    return artifact;
  }

  get currentStep(): string {
    return this.step;
  }
}

export class StepFailed extends Error {}

/** Runs a journey body and turns a broken step into a CheckFailure carrying the timings and the trace. */
export async function runJourney(ctx: CheckContext, title: string, body: (j: Journey) => Promise<string>) {
  const journey = await Journey.open(ctx);
  let error: unknown = null;
  let message = '';
  try {
    message = await body(journey);
  } catch (e) {
    error = e;
  }
  const trace = await journey.close(error);
  if (error) {
    if (!(error instanceof StepFailed)) throw error;
    throw new CheckFailure({
      message: `${title} broke at step "${journey.currentStep}" in ${ctx.region.name}: ${error.message}${trace ? ` (trace: ${trace})` : ''}`,
      measurements: journey.measurements,
      evidence: journey.transcript.slice(-4),
    });
  }
  return { message, measurements: journey.measurements, evidence: journey.transcript };
}
