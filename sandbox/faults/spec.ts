/** The shape of one fault switch; the lists live beside the parts they break. */
export interface FaultSpec {
  /** What the defect does, in one sentence. */
  breaks: string;
  /** The checks that must fail while the fault is on (and pass on the clean sandbox). Base ids: a per-region check `SEC-HEADERS` runs as `SEC-HEADERS-asia`. */
  checks: string[];
  /**
   * The fault breaks a SHOULD rule: its checks report an advisory finding for it and stay green
   * (contract §0: a SHOULD never turns a check red). Tests assert the advisory finding instead.
   */
  advisory?: true;
  /**
   * The contract rules (src/rules ids) this defect breaks. A rule counts as proven by the fault
   * when one of the fault's `checks` also declares the rule: the fault tests then show that check
   * red, so the breach is caught by a check that says it tests the rule.
   */
  rules?: string[];
  /** The part of the sandbox that reads the switch. */
  part: 'services' | 'database' | 'workers' | 'fabric' | 'edge' | 'config' | 'monitoring' | 'cluster';
}
