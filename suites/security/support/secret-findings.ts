import { CheckFailure, pass, type PassOutcome } from '../../../src/checks/define';
import { describeFinding, type SecretFinding } from '../../../src/secrets/index';

/** Turns a scan into the check outcome: findings listed with file:line and masked values only. */
export function secretOutcome(findings: SecretFinding[], scope: string, measurements: Record<string, number | string | boolean>): PassOutcome {
  if (findings.length === 0) return pass({ message: `no secrets found in ${scope}`, measurements });
  const lines = findings.map(describeFinding);
  throw new CheckFailure({
    message: `${findings.length} exposed secret(s) in ${scope}:\n${lines.slice(0, 10).map((l) => `- ${l}`).join('\n')}${lines.length > 10 ? `\n… and ${lines.length - 10} more` : ''}`,
    expected: 'no secrets, tokens, passwords or keys',
    received: lines[0],
    evidence: [{ note: 'findings (values masked)', response: lines.slice(0, 50).join('\n') }],
    measurements: { ...measurements, findings: findings.length },
  });
}
