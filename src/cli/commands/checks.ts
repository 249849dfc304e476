import { FAULTS } from '../../../sandbox/faults/catalog';
import { loadChecks } from '../../checks/registry';
import { tagsOf } from '../../owasp/tags';
import { ExitError } from '../exit-error';

/** `gx-verify checks [--json]`: every check with its layer, title, criteria and the faults that prove it. */
export interface CheckListing {
  id: string;
  layer: string;
  title: string;
  criteria: string[];
  endpoint: string | null;
  needs: string[];
  /** Contract rule ids the check exercises. */
  rules: string[];
  perRegion: boolean;
  /** Sandbox fault switches that must turn this check red (from sandbox/faults). */
  faults: string[];
  /** OWASP Top 10 2021 / API Security Top 10 2023 categories, from its rules (src/owasp). */
  owasp: string[];
}

export function faultsByCheck(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [fault, spec] of Object.entries(FAULTS)) {
    for (const id of spec.checks) map.set(id, [...(map.get(id) ?? []), fault]);
  }
  return map;
}

export async function listChecks(extraModules: readonly string[] = []): Promise<{ checks: CheckListing[]; missingLayers: string[] }> {
  const { checks, missingLayers } = await loadChecks(undefined, { extraModules }).catch((error: Error) => {
    throw new ExitError(2, error.message);
  });
  const faults = faultsByCheck();
  return {
    missingLayers,
    checks: checks.map((c) => ({
      id: c.id, layer: c.layer, title: c.title, criteria: [...c.criteria], endpoint: c.endpoint ?? null,
      needs: [...(c.needs ?? [])], rules: [...(c.rules ?? [])], perRegion: Boolean(c.perRegion), faults: faults.get(c.id) ?? [], owasp: tagsOf(c),
    })),
  };
}

export async function checks(opts: { json?: boolean; checkModules?: string[] }): Promise<void> {
  const { checks: list, missingLayers } = await listChecks(opts.checkModules);
  if (missingLayers.length > 0) process.stderr.write(`gx-verify: layers not built in this checkout: ${missingLayers.join(', ')}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  const width = Math.max(4, ...list.map((c) => c.id.length));
  for (const c of list) {
    const fault = c.faults.length > 0 ? `  [fault: ${c.faults.join(', ')}]` : '  [no fault switch]';
    process.stdout.write(`${c.id.padEnd(width)}  ${c.layer.padEnd(11)}  ${c.title}  (${c.criteria.join(', ') || 'no criteria'})${c.perRegion ? '  per region' : ''}${fault}\n`);
  }
  process.stdout.write(`${list.length} checks\n`);
}
