import type { EvidenceItem, Layer, Measurement } from '../evidence/types';
import type { RegionTarget, Target } from '../profile/target';
import type { FixtureWorld } from '../fixtures/types';

/**
 * The check model. A check is a plain object with a stable id, the criteria it gives evidence
 * for and a `run` that returns evidence. The runner assigns the status: `pass(...)` → pass,
 * `skip(reason)` → skipped, a thrown CheckFailure → fail, any other throw → error.
 * Which sandbox fault proves a check red is recorded once, in sandbox/faults.
 */

/** What a check needs from the profile; a missing need turns the check into `skipped`. */
export type Need =
  | 'writes'         // allowWrites: commands, fixture seeding
  | 'database'       // profile.database
  | 'fixtures'       // seeded fixture world (needs database + writes)
  | 'signingSecret'  // auth mode mint (forge tokens)
  | 'fabric'         // profile.fabric
  | 'kubernetes'     // profile.kubernetes
  | 'load'           // allowLoad
  | 'edge'           // the region is reached through an edge
  | 'sandbox';       // a gx-verify sandbox control endpoint (dependency cuts)

export interface CheckContext {
  runId: string;
  target: Target;
  /** The region this execution is for (per-region checks run once per region; others on the first). */
  region: RegionTarget;
  fixtures: FixtureWorld | null;
  signal: AbortSignal;
  /** `run --quick`: load checks shorten their phases (local tries, never for a go/no-go). */
  quick?: boolean;
  /** Write a file under the run's artifacts/ folder; returns its relative path. */
  artifact(name: string, content: string | Buffer): Promise<string>;
  log(message: string): void;
}

export interface PassOutcome {
  status: 'pass';
  message?: string;
  measurements?: Record<string, Measurement>;
  evidence?: EvidenceItem[];
  artifacts?: string[];
}
export interface SkipOutcome {
  status: 'skipped';
  message: string;
}
export type CheckOutcome = PassOutcome | SkipOutcome;

export interface CheckDef {
  /** Stable id, e.g. `INT-JWT-EXPIRED`. Per-region checks get `-<region>` appended at run time. */
  id: string;
  layer: Layer;
  title: string;
  criteria: string[];
  /** Endpoint id (`#12`, `I5`, `INF-1`) when the check is about one endpoint. */
  endpoint?: string;
  needs?: Need[];
  perRegion?: boolean;
  /** Per-check time limit; the runner's default (60 s) otherwise. Load phases set their own. */
  timeoutMs?: number;
  /**
   * Runs alone, after every other check: it disturbs the target for everyone (e.g. cuts the
   * sandbox database), so nothing else may run meanwhile.
   */
  exclusive?: boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export function defineCheck(def: CheckDef): CheckDef {
  return def;
}

export function pass(details: Omit<PassOutcome, 'status'> = {}): PassOutcome {
  return { status: 'pass', ...details };
}

export function skip(message: string): SkipOutcome {
  return { status: 'skipped', message };
}

/** A broken rule: what was expected, what was received, and the exchange that shows it. */
export class CheckFailure extends Error {
  readonly expected: string;
  readonly received: string;
  readonly evidence: EvidenceItem[];
  readonly measurements: Record<string, Measurement>;
  constructor(opts: {
    message: string;
    expected?: string;
    received?: string;
    evidence?: EvidenceItem[];
    measurements?: Record<string, Measurement>;
  }) {
    super(opts.message);
    this.name = 'CheckFailure';
    this.expected = opts.expected ?? '';
    this.received = opts.received ?? '';
    this.evidence = opts.evidence ?? [];
    this.measurements = opts.measurements ?? {};
  }
}
