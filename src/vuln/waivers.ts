import type { AdvisoryWaiver } from '../profile/target';
import type { Advisory } from './types';

/**
 * Profile waivers of advisories (SEC-VULN-1): a waiver names the advisory (its id or any alias),
 * a reason and an expiry day; after that day it no longer applies and the advisory counts again.
 */

export interface Waived {
  advisory: Advisory;
  waiver: AdvisoryWaiver;
}

const ids = (a: Advisory) => [a.id, ...a.aliases].map((x) => x.toUpperCase());

export function applyWaivers(advisories: readonly Advisory[], waivers: readonly AdvisoryWaiver[], today: string) {
  const open: Advisory[] = [];
  const waived: Waived[] = [];
  const expired: Waived[] = [];
  for (const advisory of advisories) {
    const waiver = waivers.find((w) => ids(advisory).includes(w.advisory.toUpperCase()));
    if (!waiver) open.push(advisory);
    else if (waiver.expires >= today) waived.push({ advisory, waiver });
    else {
      expired.push({ advisory, waiver });
      open.push(advisory);
    }
  }
  return { open, waived, expired };
}
