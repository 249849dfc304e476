/**
 * Contract rules as data (DESIGN.md "Rules"): every rule id of gx-contract.md §2–§17 and every
 * documented error of every route (§6 Errors columns). Checks name the rules they exercise
 * (`CheckDef.rules`), findings name the rule they show broken (`Finding.rule`), faults name the
 * rules they break; every coverage view is derived from those three lists.
 */
export type Strength = 'MUST' | 'SHOULD' | 'MAY';

export interface ContractRule {
  /**
   * Stable id. Contract rules keep the contract's id (`AUTH-2`, `ERR-5`, `EDGE-4`). Documented
   * errors are `<endpoint>:<status>:<slug>` (`#1:400:self-transfer`, `I1:401:inactive`).
   */
  id: string;
  kind: 'rule' | 'documented-error';
  /** Contract section, e.g. `3.1`, `6.2`. */
  section: string;
  strength: Strength;
  /** The rule in a line (documented errors: the condition, in the contract's words). */
  text: string;
  /**
   * The success criteria (contract §16 ids) a breach of this rule counts against; a failing check
   * is blamed on these, not on its neighbours'.
   */
  criteria: string[];
  /** Documented errors: the route, the status and the reference message. */
  endpoint?: string;
  status?: number;
  message?: string;
  /** Documented errors the contract lets a deployment answer otherwise (I3: 200 with no effect; #15: an empty list). */
  alsoAccepted?: number[];
}

