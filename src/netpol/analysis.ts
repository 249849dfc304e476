import { policiesSelectingNothing } from './engine/explain';
import { workloadEndpoints } from './engine/endpoints';
import { buildModel, type PolicyModel } from './engine/model';
import { defaultDenyProblems, diffIntent, type Mismatch } from './intent/diff';
import { expectedTable, type ExpectedTable } from './intent/expected';
import { migrationWorkloads, neededStandIns, resolveIntent, type ResolvedIntent } from './intent/resolve';
import { GX_INTENT_FILE, readIntentFile } from './intent/schema';
import { readManifests } from './manifests/load';
import { buildManifestSet, type ManifestSet } from './manifests/objects';
import { computeTable, type TruthTable } from './table/truth-table';

/**
 * One pass from files to judgement: read the manifests and the intent, build the model (with
 * stand-ins for the namespaces the manifests lack), compute the truth table and the expected
 * table, and diff them. Every check and the benchmark start here.
 */

export interface NamespaceParameters {
  backend?: string;
  dns?: string;
  fabric?: string;
  ingress?: string;
  monitoring?: string;
}

export interface NetpolAnalysis {
  set: ManifestSet;
  intent: ResolvedIntent;
  model: PolicyModel;
  table: TruthTable;
  expected: ExpectedTable;
  mismatches: Mismatch[];
  /** NP-0 problems (no explicit default deny). */
  defaultDeny: string[];
  /** Policies selecting no pod (often a typo), for the explanation. */
  selectingNothing: string[];
}

export function analyseManifests(set: ManifestSet, intent: ResolvedIntent): NetpolAnalysis {
  const standIns = neededStandIns(intent, workloadEndpoints(set));
  const model = buildModel(set, { standIns, externals: intent.externals });
  const table = computeTable(model.endpoints, model.policies, model.namespaces);
  const expected = expectedTable(intent, migrationWorkloads(intent, set), table);
  return {
    set, intent, model, table, expected,
    mismatches: diffIntent(table, expected, intent.scope, model.namespaces),
    defaultDeny: defaultDenyProblems(model.policies, intent.scope),
    selectingNothing: policiesSelectingNothing(model.policies, model.endpoints),
  };
}

export interface AnalyseOptions {
  manifests: string;
  intentFile?: string;
  namespaces?: NamespaceParameters;
}

export async function analyse(opts: AnalyseOptions): Promise<NetpolAnalysis> {
  const params = { ...opts.namespaces };
  const intent = resolveIntent(await readIntentFile(opts.intentFile ?? GX_INTENT_FILE), params as Record<string, string | undefined>);
  const set = buildManifestSet(await readManifests(opts.manifests), intent.scope);
  return analyseManifests(set, intent);
}
