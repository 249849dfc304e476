import { CheckFailure, pass, type PassOutcome } from '../../../src/checks/define';
import type { EvidenceItem, Measurement } from '../../../src/evidence/types';
import type { HttpExchange } from '../../../src/clients/http';

/**
 * Collects broken rules while a check walks many endpoints, then fails once with all of them:
 * the message lists the first problems, evidence holds their exchanges (bounded in size).
 */
export class Problems {
  private readonly items: { text: string; evidence: EvidenceItem[] }[] = [];
  readonly measurements: Record<string, Measurement> = {};
  private okEvidence: EvidenceItem[] = [];

  /** One broken rule, with the exchange(s) that show it. */
  add(text: string, ...shown: (HttpExchange | EvidenceItem | undefined)[]): void {
    const evidence = shown
      .filter((x): x is HttpExchange | EvidenceItem => x !== undefined)
      .map((x) => ('evidence' in x ? x.evidence : x))
      .map((e) => ({ ...e, note: e.note ? `${e.note}: ${text}` : text }));
    this.items.push({ text, evidence });
  }

  /** Keeps a few passing exchanges so a green check still shows what it sent. */
  sample(res: HttpExchange): void {
    if (this.okEvidence.length < 3) this.okEvidence.push(res.evidence);
  }

  get count(): number {
    return this.items.length;
  }

  /** Throws a CheckFailure when anything was added; otherwise returns the pass outcome. */
  finish(summary: string, expected: string, maxEvidence = 12): PassOutcome {
    if (this.items.length === 0) {
      return pass({ message: summary, measurements: this.measurements, evidence: this.okEvidence });
    }
    const shown = this.items.slice(0, 8).map((p) => `- ${p.text}`).join('\n');
    const more = this.items.length > 8 ? `\n… and ${this.items.length - 8} more` : '';
    throw new CheckFailure({
      message: `${this.items.length} problem(s):\n${shown}${more}`,
      expected,
      received: this.items[0].text,
      evidence: this.items.flatMap((p) => p.evidence).slice(0, maxEvidence),
      measurements: { ...this.measurements, problems: this.items.length },
    });
  }
}
