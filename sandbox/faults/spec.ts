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
  /** The part of the sandbox that reads the switch. */
  part: 'services' | 'database' | 'workers' | 'fabric' | 'edge' | 'config';
}
