import { CheckFailure, pass, type PassOutcome } from '../../../src/checks/define';
import type { EvidenceItem, Measurement } from '../../../src/evidence/types';
import type { HttpExchange } from '../../../src/clients/http';

/**
 * Collects broken rules while a check walks many endpoints, then fails once with all of them:
 * the message lists the first problems, evidence holds their exchanges (bounded in size).
 */
export class Problems {
  private readonly items: { text: string; evidence?: EvidenceItem }[] = [];
  readonly measurements: Record<string, Measurement> = {};
  private okEvidence: EvidenceItem[] = [];

  add(text: string, res?: HttpExchange | EvidenceItem): void {
    const evidence = res === undefined ? undefined : 'evidence' in res ? res.evidence : res;
    this.items.push({ text, evidence: evidence && { ...evidence, note: evidence.note ? `${evidence.note}: ${text}` : text } });
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
      evidence: this.items.filter((p) => p.evidence).slice(0, maxEvidence).map((p) => p.evidence!),
      measurements: { ...this.measurements, problems: this.items.length },
    });
  }
}
