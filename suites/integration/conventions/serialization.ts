import type { z } from 'zod';
import { findEndpoint } from '../../../src/catalog/index';
import { definePassiveCheck } from '../../../src/inspect/inspector';
import { jsonBody } from '../../../src/inspect/exchange';
import type { PassiveRule } from '../../../src/inspect/inspector';
import type { CheckDef } from '../../../src/checks/define';
import { ROUTED } from '../support/routing';
import type { RecordedExchange } from '../../../src/run/exchange-log';
import { hasSerFields, serProblems } from './ser-shape';

/**
 * §11 on every success answer of the run: whichever check asked a route (contract, round trip,
 * states…), its money fields must be decimal strings, block numbers decimal strings or null,
 * timestamps ISO-8601 UTC with milliseconds, counts numbers and booleans booleans. The catalog's
 * response schema of the route says which field is which; routes whose answer has no such field
 * (202 `{commandId, message}`) are not judged.
 */

/** The response schema of the route an exchange asked, when its answer is that route's success. */
function schemaOf(x: RecordedExchange): z.ZodType | null {
  if (x.endpoint === null || x.method === 'HEAD' || x.bodyTruncated) return null;
  const route = findEndpoint(x.endpoint);
  return route && x.status === route.success.status && hasSerFields(route.success.body) ? route.success.body : null;
}

export const serializationRule: PassiveRule = {
  applies: (x) => schemaOf(x) !== null && jsonBody(x) !== undefined,
  judge(x) {
    return serProblems(schemaOf(x)!, jsonBody(x)).map((f) => ({ rule: f.rule, text: f.text }));
  },
};

export const serializationCheck: CheckDef = {
  ...definePassiveCheck({
    id: 'INT-SERIALIZATION',
    layer: 'integration',
    title: 'Every success answer of the run serializes money, block numbers, timestamps, counts and booleans as §11 says',
    criteria: ['IT-API-1'],
    rules: ['SER-2', 'SER-3', 'SER-4', 'SER-5'],
    rule: serializationRule,
    noun: 'success answers with §11 fields',
  }),
  // Success answers only come back through working routing: with none, routing is the cause.
  dependsOn: ROUTED,
};
