import { CheckFailure, pass, type PassOutcome } from '../../../src/checks/define';
import type { EvidenceItem, Measurement } from '../../../src/evidence/types';

/** Collects a check's problems with the exchange that shows each, then passes or fails once. */
export class Findings {
  private readonly items: { text: string; evidence?: EvidenceItem }[] = [];
  private readonly samples: EvidenceItem[] = [];
  readonly measurements: Record<string, Measurement> = {};

  add(text: string, evidence?: EvidenceItem): void {
    this.items.push({ text, evidence: evidence && { ...evidence, note: evidence.note ? `${evidence.note}: ${text}` : text } });
  }

  /** Keeps a few passing exchanges so a green result still shows what was sent. */
  sample(evidence: EvidenceItem): void {
    if (this.samples.length < 3) this.samples.push(evidence);
  }

  get count(): number {
    return this.items.length;
  }

  finish(summary: string, expected: string, extra: { artifacts?: string[] } = {}): PassOutcome {
    if (this.items.length === 0) return pass({ message: summary, measurements: this.measurements, evidence: this.samples, ...extra });
    const shown = this.items.slice(0, 8).map((p) => `- ${p.text}`).join('\n');
    const more = this.items.length > 8 ? `\n… and ${this.items.length - 8} more` : '';
    throw new CheckFailure({
      message: `${this.items.length} problem(s):\n${shown}${more}`,
      expected,
      received: this.items[0].text,
      evidence: this.items.filter((p) => p.evidence).slice(0, 12).map((p) => p.evidence!),
      measurements: this.measurements,
    });
  }
}
