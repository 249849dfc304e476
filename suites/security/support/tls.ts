import { CheckFailure, defineCheck, pass, type CheckContext, type CheckDef } from '../../../src/checks/define';
import type { EvidenceItem, Measurement } from '../../../src/evidence/types';
import { splitHostPort } from '../../../src/profile/dispatcher';
import { gradeTls, type TlsReport } from '../../../src/tls/index';

/**
 * One TLS grading per run and region, shared by SEC-TLS-GRADE, -PROTOCOLS, -CIPHERS and -CERT
 * (a full probe is a few hundred handshakes). The graded endpoint is the one clients use: the
 * edge URL's host name for SNI and the certificate, dialled at connectTo when the profile sets it.
 */

const graded = new Map<string, Promise<TlsReport>>();
const MAX_ENTRIES = 32;

export function edgeEndpoint(ctx: CheckContext): { host: string; port: number; servername: string } {
  const edge = new URL(ctx.region.edgeUrl!);
  if (edge.protocol !== 'https:') throw new Error(`region ${ctx.region.name}: the edge URL ${ctx.region.edgeUrl} is not https`);
  const servername = edge.hostname.replace(/^\[|\]$/g, '');
  const dial = ctx.region.connectTo ? splitHostPort(ctx.region.connectTo) : { host: servername, port: edge.port || '443' };
  return { host: dial.host, port: Number(dial.port), servername };
}

export function tlsReportFor(ctx: CheckContext): Promise<TlsReport> {
  const key = `${ctx.runId}\u0000${ctx.region.name}`;
  let report = graded.get(key);
  if (!report) {
    if (graded.size >= MAX_ENTRIES) graded.delete(graded.keys().next().value!);
    const endpoint = edgeEndpoint(ctx);
    report = gradeTls({ ...endpoint, caPem: ctx.region.ca ?? undefined, hstsPath: '/health' });
    report.catch(() => graded.delete(key));
    graded.set(key, report);
  }
  return report;
}

/** The report as a run artifact (once per region; later callers reuse the path). */
const saved = new Map<string, Promise<string>>();
export function saveReport(ctx: CheckContext, report: TlsReport): Promise<string> {
  const key = `${ctx.runId}\u0000${ctx.region.name}`;
  let path = saved.get(key);
  if (!path) {
    if (saved.size >= MAX_ENTRIES) saved.delete(saved.keys().next().value!);
    path = ctx.artifact(`tls-${ctx.region.name}.json`, `${JSON.stringify(report, null, 2)}\n`);
    saved.set(key, path);
  }
  return path;
}

/** What a TLS check concludes from the shared report; the shell below turns it into pass or fail. */
export interface TlsJudgement {
  problems: string[];
  expected: string;
  measurements: Record<string, Measurement>;
  evidence: EvidenceItem[];
  passMessage: string;
  /** Defaults: the problems listed, and the first problem as the received value. */
  failMessage?: string;
  received?: string;
}

/**
 * A per-region edge check judged from the one TLS report of its region (SEC-3, FUNC-5): the four
 * TLS checks differ only in their id, title and judgement.
 */
export function defineTlsCheck(spec: {
  id: string; title: string; rules: string[];
  /** The rule a problem breaks (default: the first of `rules`). */
  ruleOf?: (problem: string) => string;
  judge(report: TlsReport, ctx: CheckContext, artifact: string): TlsJudgement;
}): CheckDef {
  return defineCheck({
    id: spec.id,
    layer: 'security',
    title: spec.title,
    criteria: ['SEC-3', 'FUNC-5', 'ST-TLS'],
    rules: spec.rules,
    needs: ['edge'],
    perRegion: true,
    timeoutMs: 90_000,
    async run(ctx) {
      const report = await tlsReportFor(ctx);
      const artifact = await saveReport(ctx, report);
      const j = spec.judge(report, ctx, artifact);
      ctx.observe.judged();
      if (j.problems.length > 0) {
        throw new CheckFailure({
          message: j.failMessage ?? `Region ${ctx.region.name}: ${j.problems.length} problem(s)`,
          expected: j.expected, received: j.received ?? j.problems[0], evidence: j.evidence, measurements: j.measurements,
          // Every problem, each with its rule: the edge's TLS is the edge's (never a service's).
          findings: j.problems.map((p) => ({ rule: spec.ruleOf?.(p) ?? spec.rules[0], text: `${ctx.region.name}: ${p}`, endpoint: 'edge', component: 'edge' as const })),
        });
      }
      return pass({ message: j.passMessage, measurements: j.measurements, evidence: j.evidence, artifacts: [artifact] });
    },
  });
}
