import { CheckFailure, pass, type PassOutcome } from '../../../src/checks/define';
import type { Component, Finding, Measurement } from '../../../src/evidence/types';
import { describeFinding, type SecretFinding } from '../../../src/secrets/index';

/** Where a scan looked, for its findings: the rule a secret there breaks and who exposed it. */
export interface SecretScope {
  /** `RESP-1` (answers), `LOG-1` (logs), `AUTH-4` (manifests and configs). */
  rule: string;
  component: Component;
  /** Endpoint id of an answer, when the scanned text is one. */
  endpoint?: (f: SecretFinding) => string | null;
}

/** One finding per exposed secret, with file:line and the masked value only. */
export function secretFindings(found: readonly SecretFinding[], scope: SecretScope): Finding[] {
  return found.map((f) => {
    const text = describeFinding(f);
    const endpoint = scope.endpoint?.(f);
    return {
      rule: scope.rule, text,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(scope.component !== 'service' ? { component: scope.component } : {}),
      evidence: [{ note: `${f.kind} (${f.rule}), value masked`, response: text }],
    };
  });
}

/** Turns a scan into the check outcome: every secret a finding (none dropped), values masked. */
export function secretOutcome(found: SecretFinding[], where: string, measurements: Record<string, Measurement>, scope: SecretScope): PassOutcome {
  if (found.length === 0) return pass({ message: `no secrets found in ${where}`, measurements });
  throw new CheckFailure({
    message: `${found.length} exposed secret(s) in ${where}`,
    expected: 'no secrets, tokens, passwords or keys',
    received: describeFinding(found[0]),
    findings: secretFindings(found, scope),
    measurements: { ...measurements, findings: found.length },
  });
}
