import type { EvidenceItem, Finding, Layer, Measurement } from '../evidence/types';
import type { RegionTarget, Target } from '../profile/target';
import type { FixtureWorld } from '../fixtures/types';
import type { FixtureItem } from '../fixtures/items';
import type { RecordedExchange } from '../run/exchange-log';

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
  | 'ledger'         // the write path drains: fabric + workers sections, or `workers: external`
  | 'kubernetes'     // profile.kubernetes
  | 'load'           // allowLoad
  | 'edge'           // the region is reached through an edge
  | 'sandbox'        // a gx-verify sandbox control endpoint (dependency cuts)
  | 'monitoring';    // profile.monitoring (Prometheus, Alertmanager, Grafana, dashboards, runbooks)

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
  /**
   * Where findings go as they are found: the runner keeps them even when the check is stopped at
   * its time limit (then it fails with what it found, marked incomplete, instead of erroring).
   */
  findings: FindingSink;
  /** What the check exercised: judged vs unusable exchanges (see `Observed`). */
  observe: ObservationSink;
  /** Time limits of this execution (profile `timeouts`, scaled by distance where the runner knows it). */
  limits: ExecutionLimits;
  /**
   * Every HTTP exchange the run's checks made so far (the run-wide exchange log). Complete for
   * checks of the `after` phase, which run once every other check has finished: passive
   * inspectors read it instead of sending anything.
   */
  exchanges(): readonly RecordedExchange[];
}

export interface FindingSink {
  add(finding: Finding): void;
  /** Every finding so far, in order. */
  list(): readonly Finding[];
  /** Findings that turn the check red (not advisory). */
  readonly failing: number;
}

export interface ObservationSink {
  /** `n` exchanges showed the rule at work and were judged. */
  judged(n?: number): void;
  /** An exchange could not be judged; `kind` says what came back instead ("edge 404", "timeout"). */
  unusable(kind: string, n?: number): void;
}

export interface ExecutionLimits {
  /** Per-request timeout (profile `timeouts.requestMs`, plus a few measured round trips). */
  requestMs: number;
  /** The region's measured round-trip time the limits were scaled by (0 when not measured). */
  rttMs: number;
  /** This execution's time limit. */
  checkMs: number;
  /** Epoch ms at which the runner stops the check; plan request counts against it. */
  deadline: number;
}

export interface PassOutcome {
  status: 'pass';
  message?: string;
  /** Advisory findings (SHOULD rules) reported beside a pass; a non-advisory one makes the runner fail the check. */
  findings?: Finding[];
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
  /**
   * The fixture items the check uses (implies the `fixtures` need). When one of them could not be
   * seeded (or was not provided) the check is skipped with that item's own reason, and only then.
   */
  fixtureItems?: readonly FixtureItem[];
  /** Contract rule ids (src/rules) this check exercises; validated at load time. */
  rules?: string[];
  /**
   * Prerequisite checks (base ids; a per-region prerequisite is matched on the same region). When
   * one of them failed, this check's fail/error is reported as `blocked` by it: one root cause,
   * one red line.
   */
  dependsOn?: string[];
  /**
   * Judged exchanges needed for a pass (default 1 once the check records any observation). Fewer →
   * `error: could not exercise: …` naming what came back instead.
   */
  minJudged?: number;
  perRegion?: boolean;
  /** Per-check time limit; the runner's default (60 s) otherwise. Load phases set their own. */
  timeoutMs?: number;
  /**
   * About how many requests the check sends one after another (each waiting for the previous
   * answer). The runner adds that many measured round-trip times of the region to the limit, so a
   * far target is not turned into a timeout (src/run/budget.ts; default 40).
   */
  sequentialRequests?: number;
  /**
   * Runs alone, after every other check: it disturbs the target for everyone (e.g. cuts the
   * sandbox database), so nothing else may run meanwhile.
   */
  exclusive?: boolean;
  /**
   * `after`: runs once every other check (exclusive ones included) has finished, with the whole
   * exchange log in `ctx.exchanges()` — for passive inspectors that judge every answer of the run.
   */
  phase?: 'main' | 'after';
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

/**
 * Thrown from a check body when a precondition it can only see while running is missing (a
 * fixture item it touched, a table the target lacks): the runner reports the check `skipped` with
 * this message (unless it already recorded failing findings).
 */
export class CheckSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckSkipped';
  }
}

/** A broken rule: what was expected, what was received, and the exchange that shows it. */
export class CheckFailure extends Error {
  readonly expected: string;
  readonly received: string;
  readonly evidence: EvidenceItem[];
  readonly measurements: Record<string, Measurement>;
  /** The findings behind the failure (also those already given to `ctx.findings` are kept). */
  readonly findings: Finding[];
  constructor(opts: {
    message: string;
    expected?: string;
    received?: string;
    evidence?: EvidenceItem[];
    measurements?: Record<string, Measurement>;
    findings?: Finding[];
  }) {
    super(opts.message);
    this.name = 'CheckFailure';
    this.expected = opts.expected ?? '';
    this.received = opts.received ?? '';
    this.evidence = opts.evidence ?? [];
    this.measurements = opts.measurements ?? {};
    this.findings = opts.findings ?? [];
  }
}
