import { definePassiveCheck, type PassiveRule } from '../../../src/inspect/inspector';
import { componentOf, header } from '../../../src/inspect/exchange';

/**
 * SER-1 on every JSON answer of the run, whichever check asked: the body is UTF-8. What the log
 * shows of it: a charset other than UTF-8 declared on the answer, and raw NUL characters (UTF-16
 * text; JSON never holds them unescaped). A U+FFFD in the decoded text is not judged: the client
 * decodes invalid bytes into it, but a valid answer may also carry it.
 */

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

export const utf8Rule: PassiveRule = {
  applies: (x) => x.method !== 'HEAD' && x.body !== '' && JSON_TYPE.test(header(x, 'content-type') ?? ''),
  judge(x, ctx) {
    if (componentOf(x, ctx.target) === 'monitoring') return [];
    const charset = /;\s*charset="?([^";\s]+)/i.exec(header(x, 'content-type') ?? '')?.[1];
    const found: string[] = [];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) found.push(`the JSON answer declares charset=${charset}, not UTF-8`);
    if (x.body.includes('\u0000')) found.push('the body holds NUL characters (UTF-16 or binary text, not UTF-8 JSON)');
    return found.map((text) => ({ rule: 'SER-1', text }));
  },
};

export const utf8Check = definePassiveCheck({
  id: 'INT-ANSWERS-UTF8',
  layer: 'integration',
  title: 'Every JSON answer of the run is UTF-8 (no other charset declared, no UTF-16 text)',
  criteria: ['IT-API-1'],
  rules: ['SER-1'],
  rule: utf8Rule,
  noun: 'JSON answers',
});
