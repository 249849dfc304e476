import { ENVELOPE_KEYS, REASON_PHRASES } from '../catalog/envelope';
import type { RecordedExchange } from '../run/exchange-log';
import { clientInput, componentOf, header, jsonBody } from './exchange';
import type { PassiveRule } from './inspector';
import { findLeaks } from './leak-patterns';

/** Passive rules for every error answer of a run: the E1 envelope (ERR-1, ERR-2) and leaks (ERR-3). */

/** 4xx/5xx answers with a body to judge (HEAD answers carry none). */
export const isErrorAnswer = (x: RecordedExchange): boolean => x.status >= 400 && x.status < 600 && x.method !== 'HEAD';

/** §9 readiness and health documents answered 503 add error and message to their own keys (ERR-1, ERR-2). */
const isHealthDocument = (x: RecordedExchange) => /\/(?:readyz|health|livez)(?:\?|$)/.test(x.url);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why an error answer is not E1, or null. */
export function e1Problem(x: RecordedExchange): string | null {
  const type = header(x, 'content-type') ?? '';
  if (!/^application\/json/i.test(type)) {
    return `content-type "${type || 'none'}"${/<html|<!doctype/i.test(x.body) ? ' (an HTML page)' : ''}, expected the JSON E1 envelope`;
  }
  if (x.bodyTruncated) return null; // cut by the log: too long to parse, judged by its header only
  const body = jsonBody(x);
  if (!isObject(body)) return 'body is not a JSON object';
  const phrase = REASON_PHRASES[x.status];
  if (phrase ? body.error !== phrase : typeof body.error !== 'string') {
    return `error field ${JSON.stringify(body.error)}, expected ${phrase ? `"${phrase}"` : 'the reason phrase'}`;
  }
  if (typeof body.message !== 'string' || body.message === '') return `message ${JSON.stringify(body.message)}, expected human text`;
  return null;
}

export const envelopeRule: PassiveRule = {
  applies: isErrorAnswer,
  judge(x, ctx) {
    // E1 is the services' and edges' envelope (ERR-1), not the monitoring stack's.
    if (componentOf(x, ctx.target) === 'monitoring') return [];
    const problem = e1Problem(x);
    if (problem) return [{ rule: 'ERR-1', text: `not E1: ${problem}` }];
    const body = jsonBody(x);
    if (!isObject(body) || isHealthDocument(x)) return [];
    const extra = Object.keys(body).filter((k) => !(ENVELOPE_KEYS as readonly string[]).includes(k));
    return extra.length > 0 ? [{ rule: 'ERR-2', advisory: true, text: `extra top-level keys ${extra.join(', ')}` }] : [];
  },
};

export const leakRule: PassiveRule = {
  applies: isErrorAnswer,
  judge(x, ctx) {
    const leaks = findLeaks(x.body, { echo: clientInput(x), secrets: ctx.target.secrets });
    if (leaks.length === 0) return [];
    return [{ rule: 'ERR-3', text: `the answer shows ${leaks.map((l) => `${l.kind} (${JSON.stringify(l.match)})`).join(', ')}` }];
  },
};
