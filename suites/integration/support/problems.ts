import { CheckFailure, pass, type CheckContext, type PassOutcome } from '../../../src/checks/define';
import type { Classified } from '../../../src/catalog/answers';
import { summarizeFindings } from '../../../src/evidence/findings';
import { notExercised } from '../../../src/run/sinks';
import type { Component, EvidenceItem, Finding, Measurement } from '../../../src/evidence/types';

/**
 * A check's findings and observations while it walks many endpoints (both layers use it). Every
 * problem goes to `ctx.findings` the moment it is found, with the contract rule it shows broken,
 * so nothing is dropped and a check stopped at its time limit still fails with what it found.
 * Every exchange is either judged or counted as unusable by kind (`observe`), so a pass always
 * means the rule was exercised.
 */

export interface Problem {
  /** The contract rule shown broken (`AUTH-2`, `ERR-5`, `#1:400:self-transfer`); null only when no id fits. */
  rule: string | null;
  text: string;
  /** Endpoint id (`#3`, `I5`, `INF-1`), `edge` for the edge itself. */
  endpoint?: string | null;
  /** Who produced the answer that shows it (default: service). */
  component?: Component;
  advisory?: boolean;
}

/** An exchange of either client (it carries `evidence`) or an evidence item itself. */
export type Shown = { evidence: EvidenceItem } | EvidenceItem | undefined;

const itemOf = (x: NonNullable<Shown>): EvidenceItem =>
  ('evidence' in x && typeof x.evidence === 'object' ? x.evidence : x as EvidenceItem);

/** The evidence items of `shown`, each noted with the problem text. */
export function evidenceOf(text: string, shown: readonly Shown[]): EvidenceItem[] {
  return shown
    .filter((x): x is NonNullable<Shown> => x !== undefined)
    .map(itemOf)
    .map((e) => ({ ...e, note: e.note ? `${e.note}: ${text}` : text }));
}

export class Problems {
  readonly measurements: Record<string, Measurement> = {};
  private readonly found: Finding[] = [];
  private readonly samples: EvidenceItem[] = [];
  private judgedCount = 0;
  private unusableCount = 0;
  private readonly kinds: Record<string, number> = {};

  /** Without `ctx` (unit use) findings are kept here and handed to the runner by `finish`. */
  constructor(private readonly ctx?: CheckContext) {}

  /** One broken rule, with the exchange(s) that show it; recorded at once. */
  add(problem: Problem | string, ...shown: Shown[]): void {
    const p: Problem = typeof problem === 'string' ? { rule: null, text: problem } : problem;
    const evidence = evidenceOf(p.text, shown);
    const finding: Finding = {
      rule: p.rule,
      text: p.text,
      ...(p.endpoint !== undefined ? { endpoint: p.endpoint } : {}),
      ...(p.component && p.component !== 'service' ? { component: p.component } : {}),
      ...(p.advisory ? { advisory: true } : {}),
      ...(evidence.length > 0 ? { evidence } : {}),
    };
    this.found.push(finding);
    this.ctx?.findings.add(finding);
  }

  /** Keeps a few passing exchanges so a green check still shows what it sent. */
  sample(shown: Shown): void {
    if (this.samples.length < 3 && shown) this.samples.push(itemOf(shown));
  }

  /** `n` exchanges showed the rule at work and were judged. */
  judged(n = 1): void {
    this.judgedCount += n;
    this.ctx?.observe.judged(n);
  }

  /** An exchange could not be judged; `kind` says what came back instead. */
  unusable(kind: string, n = 1): void {
    this.unusableCount += n;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + n;
    this.ctx?.observe.unusable(kind, n);
  }

  /** Counts a classified answer: judged when the producer that was asked answered. Returns whether to judge it. */
  observe(answer: Classified): boolean {
    if (answer.expected) this.judged();
    else this.unusable(answer.kind);
    return answer.expected;
  }

  /** Observes a classified reply: its answer when the asked producer answered, else null (counted unusable). */
  judge<T>(reply: { res: T | null; answer: Classified }): T | null {
    return this.observe(reply.answer) ? reply.res : null;
  }

  /** Failing (non-advisory) problems so far. */
  get count(): number {
    return this.found.filter((f) => !f.advisory).length;
  }

  get judgedSoFar(): number {
    return this.judgedCount;
  }

  get unusableSoFar(): number {
    return this.unusableCount;
  }

  /**
   * The outcome: a pass when nothing failing was found (the runner still refuses it when too little
   * was judged), otherwise a CheckFailure whose findings are all kept (never truncated).
   */
  finish(summary: string, expected = '', extra: { artifacts?: string[]; minJudged?: number; sampling?: string | null } = {}): PassOutcome {
    const { minJudged, sampling, ...outcome } = extra;
    if (this.judgedCount + this.unusableCount > 0) {
      Object.assign(this.measurements, { judged: this.judgedCount, unusable: this.unusableCount });
    }
    const failing = this.found.filter((f) => !f.advisory);
    const handOver = this.ctx ? [] : this.found;
    // A share of what was sent, when the count depends on the run (writes allowed, sampling): an error, never a pass.
    const short = failing.length === 0 && minJudged !== undefined
      ? notExercised({ judged: this.judgedCount, unusable: this.unusableCount, unusableKinds: this.kinds }, Math.ceil(minJudged))
      : null;
    if (short) throw new Error(sampling ? `${short} (${sampling})` : short);
    if (failing.length === 0) {
      return pass({ message: summary, measurements: this.measurements, evidence: this.samples, ...outcome, ...(handOver.length ? { findings: handOver } : {}) });
    }
    throw new CheckFailure({
      message: summarizeFindings(this.found),
      expected,
      received: failing[0].text,
      measurements: { ...this.measurements, problems: failing.length },
      findings: handOver,
    });
  }
}
