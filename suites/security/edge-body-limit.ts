import { defineCheck } from '../../src/checks/define';
import { isE1, isTransportError } from '../../src/catalog/answers';
import { SEC_ROUTED } from '../integration/support/routing';
import { Findings } from './support/findings';
import { sendRaw } from './support/http';
import { serviceBase } from './support/probes';

/**
 * SEC-EDGE-BODY-LIMIT (EDGE-11): a request body over 10 MB is refused by the edge with 413 in the
 * E1 envelope (not nginx's HTML page, not passed on). The body goes to I1 (login) with no
 * credential fields: whoever answers it, nothing can be written. The 504 after 60 s and 502/503
 * parts of EDGE-11 need a slow or stopped upstream, which only the operator of a deployment can
 * arrange; they are not judged here.
 */

const LIMIT_BYTES = 10 * 1024 * 1024;
/** 1 MB over the limit: far enough that no rounding of "10 MB" lets it through. */
const SENT_BYTES = LIMIT_BYTES + 1024 * 1024;

function oversizedBody(): string {
  const head = '{"gxvPadding":"';
  const tail = '"}';
  return head + 'a'.repeat(SENT_BYTES - head.length - tail.length) + tail;
}

export const edgeBodyLimitCheck = defineCheck({
  id: 'SEC-EDGE-BODY-LIMIT',
  layer: 'security',
  title: 'A body over 10 MB is refused by the edge with 413 in the E1 envelope',
  criteria: ['SEC-2'],
  rules: ['EDGE-11'],
  needs: ['edge'],
  perRegion: true,
  dependsOn: SEC_ROUTED,
  timeoutMs: 60_000,
  async run(ctx) {
    const findings = new Findings(ctx);
    const url = `${serviceBase(ctx, 'identity')}/api/v1/auth/login`;
    try {
      const reply = await sendRaw(ctx.region, { url, method: 'POST', body: oversizedBody(), timeoutMs: 45_000, endpoint: 'I1', note: `POST of ${SENT_BYTES} bytes (limit ${LIMIT_BYTES})` });
      findings.judged();
      findings.measurements.status = reply.status;
      if (reply.status !== 413) findings.add({ rule: 'EDGE-11', endpoint: 'I1', component: 'edge', text: `a ${SENT_BYTES}-byte body answered ${reply.status}, not 413` }, reply);
      else if (!isE1(reply)) findings.add({ rule: 'EDGE-11', endpoint: 'I1', component: 'edge', text: `413 not in the E1 envelope (${reply.headers['content-type']?.join(', ') ?? 'no content type'})` }, reply);
      else findings.sample(reply);
    } catch (error) {
      // A connection closed mid-upload without any answer shows nothing about the envelope.
      if (!isTransportError(error)) throw error;
      findings.unusable(`no answer to the oversized body: ${(error as Error).message}`);
    }
    findings.measurements.sentBytes = SENT_BYTES;
    return findings.finish(`a ${SENT_BYTES}-byte body was refused with 413 E1`, 'bodies over 10 MB → 413 in the E1 envelope from the edge');
  },
});
